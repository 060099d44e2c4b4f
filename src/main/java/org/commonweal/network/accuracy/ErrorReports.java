package org.commonweal.network.accuracy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reports of inaccurate listings from the public form: a queue for the network managers, each due 30 business days
 * after it arrives, investigated and closed with an outcome.
 */
@Service
public class ErrorReports {

    public static final int DUE_BUSINESS_DAYS = 30;
    public static final Set<String> CATEGORIES =
            Set.of("address", "phone", "accepting", "specialty", "network", "language", "other");
    public static final Set<String> STATUSES = Set.of("open", "investigating", "resolved");
    public static final Set<String> OUTCOMES = Set.of("corrected", "confirmed-accurate", "provider-removed");
    private static final Set<String> TYPES = Set.of("Practitioner", "Location");

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;

    public ErrorReports(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    public record Report(
            long id,
            String resourceType,
            String resourceId,
            String category,
            String description,
            String reporterContact,
            Instant receivedAt,
            LocalDate dueOn,
            String status,
            String outcome,
            Instant resolvedAt,
            String resolvedBy) {

        public boolean overdue(LocalDate today) {
            return !status.equals("resolved") && dueOn.isBefore(today);
        }
    }

    /** Files a public report and returns its id. */
    @Transactional
    public long file(String resourceType, String resourceId, String category, String description, String contact) {
        if (!TYPES.contains(resourceType)
                || !CATEGORIES.contains(category)
                || description == null
                || description.isBlank()
                || description.length() > 2000) {
            throw new IllegalArgumentException("report needs a listing, a category and a description");
        }
        LocalDate today = LocalDate.now(clock);
        long id = jdbc.sql("insert into network.error_report (resource_type, resource_id, category, description,"
                        + " reporter_contact, due_on) values (?, ?, ?, ?, ?, ?) returning id")
                .params(
                        resourceType,
                        resourceId,
                        category,
                        description.strip(),
                        contact == null || contact.isBlank() ? null : contact.strip(),
                        BusinessDays.after(today, DUE_BUSINESS_DAYS))
                .query(Long.class)
                .single();
        audit.recordAs(
                "public",
                AuditEntry.change(
                        AuditAction.CREATE,
                        "directory-error-report",
                        String.valueOf(id),
                        null,
                        "SB 137 accuracy",
                        resourceType + "/" + resourceId + " " + category));
        return id;
    }

    public List<Report> queue(String status) {
        return jdbc.sql("select * from network.error_report where (?::text is null or status = ?)"
                        + " order by status = 'resolved', due_on, id limit 500")
                .params(status, status)
                .query(Report.class)
                .list();
    }

    public Optional<Report> find(long id) {
        return jdbc.sql("select * from network.error_report where id = ?")
                .param(id)
                .query(Report.class)
                .optional();
    }

    /** Moves a report on: investigating, or resolved with an outcome. */
    @Transactional
    public void update(long id, String status, String outcome, String by) {
        if (!STATUSES.contains(status)
                || (status.equals("resolved") != (outcome != null && OUTCOMES.contains(outcome)))) {
            throw new IllegalArgumentException("a resolved report needs an outcome; an open one has none");
        }
        int n = jdbc.sql("update network.error_report set status = ?, outcome = ?, resolved_at = case when ? = "
                        + "'resolved' then now() end, resolved_by = case when ? = 'resolved' then ? end where id = ?")
                .params(status, outcome, status, status, by, id)
                .update();
        if (n == 0) {
            throw new IllegalArgumentException("no error report " + id);
        }
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "directory-error-report",
                String.valueOf(id),
                null,
                "SB 137 accuracy",
                status + (outcome == null ? "" : " " + outcome)));
    }

    public record Figures(long open, long overdue, long resolved, long resolvedOnTime) {}

    public Figures figures() {
        return jdbc.sql("select count(*) filter (where status <> 'resolved'),"
                        + " count(*) filter (where status <> 'resolved' and due_on < current_date),"
                        + " count(*) filter (where status = 'resolved'),"
                        + " count(*) filter (where status = 'resolved' and resolved_at::date <= due_on)"
                        + " from network.error_report")
                .query((rs, n) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .single();
    }
}
