package org.commonweal.coverage.internal;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.MemberChanges;
import org.commonweal.coverage.MemberResidence;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Changed members from the history table and the rows' update times; streamed like the active-member read. */
@Service
class JdbcMemberChanges implements MemberChanges {

    private final JdbcTemplate template;
    private final AuditTrail audit;

    JdbcMemberChanges(JdbcTemplate template, AuditTrail audit) {
        this.template = template;
        this.audit = audit;
    }

    @Override
    public void forEachChangedSince(
            Instant since, LocalDate date, String actor, String purpose, Consumer<MemberResidence> consumer) {
        audit.recordAs(
                actor,
                new AuditEntry(
                        AuditAction.EXPORT,
                        "member",
                        null,
                        null,
                        purpose,
                        "residences of members changed since " + since + ", coverage on " + date));
        template.execute((java.sql.Connection connection) -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (var ps = connection.prepareStatement("""
                    with changed as (
                        select member_id from coverage.member_change where changed_at > ?
                        union select member_id from coverage.member where updated_at > ?
                        union select member_id from coverage.enrollment_span where updated_at > ?)
                    select m.member_id, m.zip, m.spa, m.rcac_region, m.latitude, m.longitude, m.spoken_language,
                           s.product_line, m.birth_date, m.sex, m.race_ethnicity
                      from changed c join coverage.member m on m.member_id = c.member_id
                      left join lateral (
                           select product_line from coverage.enrollment_span s
                            where s.member_id = m.member_id and s.begin_date <= ?
                              and (s.end_date is null or s.end_date >= ?) and s.status <> 'suspended'
                            order by s.begin_date desc limit 1) s on true
                     order by m.member_id""")) {
                ps.setFetchSize(5000);
                Timestamp t = Timestamp.from(since);
                ps.setTimestamp(1, t);
                ps.setTimestamp(2, t);
                ps.setTimestamp(3, t);
                ps.setObject(4, date);
                ps.setObject(5, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(Members.residence(rs));
                    }
                }
            } finally {
                connection.commit();
                connection.setAutoCommit(auto);
            }
            return null;
        });
    }
}
