package org.commonweal.grants.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A grantee asks for more time on a report; staff approve (the due date moves, with history) or deny, audited. */
@Component
class ExtensionDesk {

    record Request(
            long id,
            long requirementId,
            String kind,
            LocalDate requestedTo,
            String reason,
            String status,
            String requestedBy,
            Instant requestedAt,
            String decidedBy,
            String decisionNote) {}

    record DueChange(
            long requirementId,
            String kind,
            LocalDate oldDue,
            LocalDate newDue,
            String reason,
            String changedBy,
            Instant changedAt) {}

    private final JdbcClient jdbc;
    private final ReportingDesk reporting;
    private final GrantsAudit audit;

    ExtensionDesk(JdbcClient jdbc, ReportingDesk reporting, GrantsAudit audit) {
        this.jdbc = jdbc;
        this.reporting = reporting;
        this.audit = audit;
    }

    @Transactional
    long request(long requirementId, LocalDate to, String reason, String actor) {
        var r = reporting.find(requirementId).orElseThrow(() -> new GrantRuleViolation("No such report."));
        if (!"DUE".equals(r.status()) && !"REVISION_REQUESTED".equals(r.status())) {
            throw new GrantRuleViolation("This report has been submitted; there is nothing to extend.");
        }
        if (to == null || !to.isAfter(r.effectiveDue())) {
            throw new GrantRuleViolation("Ask for a date later than the current due date, " + r.effectiveDue() + ".");
        }
        if (reason == null || reason.isBlank()) {
            throw new GrantRuleViolation("Say why you need more time.");
        }
        boolean pending = jdbc.sql(
                        "select exists (select 1 from grants.extension_request where requirement_id = ? and status = 'PENDING')")
                .param(requirementId)
                .query(Boolean.class)
                .single();
        if (pending) {
            throw new GrantRuleViolation("An extension request for this report is already waiting for CHIF staff.");
        }
        long id = jdbc.sql("""
                insert into grants.extension_request (requirement_id, requested_to, reason, requested_by)
                values (?, ?, ?, ?) returning id""")
                .params(requirementId, to, reason.trim(), actor)
                .query(Long.class)
                .single();
        audit.decision(actor, "grant-award", r.awardId(), r.kind() + " report: extension to " + to + " requested");
        return id;
    }

    /** Approving moves the due date to the date asked for; denying needs a note the grantee will read. */
    @Transactional
    void decide(long requestId, boolean approve, String note, String actor) {
        Request q = find(requestId).orElseThrow(() -> new GrantRuleViolation("No such extension request."));
        if (!"PENDING".equals(q.status())) {
            throw new GrantRuleViolation(
                    "This extension request has already been " + q.status().toLowerCase() + ".");
        }
        if (!approve && (note == null || note.isBlank())) {
            throw new GrantRuleViolation("Give the reason for denying the extension.");
        }
        var r = reporting.find(q.requirementId()).orElseThrow();
        int updated = jdbc.sql("""
                update grants.extension_request set status = ?, decided_by = ?, decided_at = now(), decision_note = ?
                where id = ? and status = 'PENDING'""")
                .params(
                        approve ? "APPROVED" : "DENIED",
                        actor,
                        note == null || note.isBlank() ? null : note.trim(),
                        requestId)
                .update();
        if (updated == 0) {
            throw new GrantRuleViolation("This extension request has already been decided.");
        }
        if (approve) {
            reporting.extend(
                    q.requirementId(), q.requestedTo(), "requested by " + q.requestedBy() + ": " + q.reason(), actor);
        } else {
            audit.decision(
                    actor,
                    "grant-award",
                    r.awardId(),
                    r.kind() + " report: extension to " + q.requestedTo() + " denied: " + note.trim());
        }
    }

    java.util.Optional<Request> find(long id) {
        return jdbc.sql(SELECT + " where e.id = ?")
                .param(id)
                .query(ExtensionDesk::map)
                .optional();
    }

    List<Request> forAward(long awardId) {
        return jdbc.sql(SELECT + " where r.award_id = ? order by e.requested_at desc")
                .param(awardId)
                .query(ExtensionDesk::map)
                .list();
    }

    List<DueChange> history(long awardId) {
        return jdbc.sql("""
                select c.*, r.kind from grants.report_due_change c join grants.report_requirement r on r.id = c.requirement_id
                where r.award_id = ? order by c.changed_at, c.id""")
                .param(awardId)
                .query((rs, n) -> new DueChange(
                        rs.getLong("requirement_id"),
                        rs.getString("kind"),
                        rs.getObject("old_due", LocalDate.class),
                        rs.getObject("new_due", LocalDate.class),
                        rs.getString("reason"),
                        rs.getString("changed_by"),
                        rs.getTimestamp("changed_at").toInstant()))
                .list();
    }

    private static final String SELECT = """
            select e.*, r.kind from grants.extension_request e join grants.report_requirement r on r.id = e.requirement_id""";

    private static Request map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp requested = rs.getTimestamp("requested_at");
        return new Request(
                rs.getLong("id"),
                rs.getLong("requirement_id"),
                rs.getString("kind"),
                rs.getObject("requested_to", LocalDate.class),
                rs.getString("reason"),
                rs.getString("status"),
                rs.getString("requested_by"),
                requested.toInstant(),
                rs.getString("decided_by"),
                rs.getString("decision_note"));
    }
}
