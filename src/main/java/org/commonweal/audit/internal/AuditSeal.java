package org.commonweal.audit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.Optional;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Seals each day of audit records with a count and a SHA-256 digest, once per cluster, shortly after midnight.
 * A later {@link #verify(LocalDate)} recomputes the digest and so detects rows changed behind the trigger's back.
 */
@Component
class AuditSeal {

    static final String JOB = "audit-daily-seal";

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final ZoneId zone;

    AuditSeal(JdbcClient jdbc, ClusterJobs jobs, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.zone = plan.timeZone();
    }

    @Scheduled(cron = "0 5 0 * * *", zone = "${commonweal.plan.time-zone}")
    void sealYesterday() {
        sealOnce(LocalDate.now(zone).minusDays(1));
    }

    /** Runs the seal for {@code day} unless another instance is sealing or has just sealed; true when this one did. */
    boolean sealOnce(LocalDate day) {
        return jobs.runOnce(JOB, Duration.ofMinutes(30), Duration.ofMinutes(1), () -> seal(day));
    }

    private void seal(LocalDate day) {
        Digest digest = digest(day);
        jdbc.sql("""
                insert into audit.daily_seal (day, row_count, first_id, last_id, sha256)
                values (?, ?, ?, ?, ?) on conflict (day) do nothing""")
                .params(day, digest.count, digest.firstId, digest.lastId, digest.hex())
                .update();
    }

    /** Whether the stored seal of {@code day} still matches the rows; empty when the day is not sealed. */
    Optional<Boolean> verify(LocalDate day) {
        return jdbc.sql("select sha256 from audit.daily_seal where day = ?")
                .param(day)
                .query(String.class)
                .optional()
                .map(stored -> stored.equals(digest(day).hex()));
    }

    private Digest digest(LocalDate day) {
        Digest digest = new Digest();
        jdbc.sql("""
                select id, occurred_at, coalesce(username, ''), action, entity_type, coalesce(entity_id, ''),
                       coalesce(member_id, ''), coalesce(purpose, ''), coalesce(detail, '')
                from audit.audit_event
                where occurred_at >= (?::date)::timestamp at time zone ? and occurred_at < (?::date + 1)::timestamp at time zone ?
                order by id""").params(day, zone.getId(), day, zone.getId()).query(rs -> {
            StringBuilder line = new StringBuilder();
            for (int i = 1; i <= 9; i++) {
                line.append(rs.getString(i)).append('\u001f');
            }
            digest.add(rs.getLong(1), line.toString());
        });
        return digest;
    }

    private static final class Digest {
        private final MessageDigest sha;
        private long count;
        private Long firstId;
        private Long lastId;

        Digest() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void add(long id, String line) {
            if (firstId == null) {
                firstId = id;
            }
            lastId = id;
            count++;
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }
}
