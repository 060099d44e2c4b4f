package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reporting requirements, grantee submissions, staff review, extensions, outcome indicators and closeout. */
@Component
class ReportingDesk {

    record Requirement(
            long id,
            long awardId,
            String kind,
            LocalDate dueOn,
            LocalDate extendedTo,
            String status,
            String narrative,
            BigDecimal spentToDate,
            String submittedBy,
            Instant submittedAt,
            String reviewNote) {

        public LocalDate effectiveDue() {
            return extendedTo == null ? dueOn : extendedTo;
        }

        public boolean overdue(LocalDate today) {
            return ("DUE".equals(status) || "REVISION_REQUESTED".equals(status))
                    && effectiveDue().isBefore(today);
        }
    }

    record Outcome(long id, String indicator, BigDecimal target, BigDecimal actual) {}

    private final JdbcClient jdbc;
    private final AwardDesk awards;
    private final GrantsAudit audit;

    ReportingDesk(JdbcClient jdbc, AwardDesk awards, GrantsAudit audit) {
        this.jdbc = jdbc;
        this.awards = awards;
        this.audit = audit;
    }

    @Transactional
    void submit(long requirementId, String narrative, BigDecimal spentToDate, String actor) {
        Requirement r = find(requirementId).orElseThrow(() -> new GrantRuleViolation("No such report."));
        if (!"DUE".equals(r.status()) && !"REVISION_REQUESTED".equals(r.status())) {
            throw new GrantRuleViolation("This report has already been submitted.");
        }
        if (narrative == null || narrative.isBlank()) {
            throw new GrantRuleViolation("The report needs a narrative.");
        }
        jdbc.sql(
                        "update grants.report_requirement set status = 'SUBMITTED', narrative = ?, spent_to_date = ?, submitted_by = ?, submitted_at = now() where id = ?")
                .params(narrative.trim(), spentToDate, actor, requirementId)
                .update();
        audit.decision(actor, "grant-award", r.awardId(), r.kind() + " report submitted");
    }

    @Transactional
    void review(long requirementId, boolean accept, String note, String actor) {
        Requirement r = find(requirementId).orElseThrow(() -> new GrantRuleViolation("No such report."));
        if (!"SUBMITTED".equals(r.status())) {
            throw new GrantRuleViolation("Only a submitted report can be reviewed.");
        }
        jdbc.sql("update grants.report_requirement set status = ?, reviewed_by = ?, review_note = ? where id = ?")
                .params(accept ? "ACCEPTED" : "REVISION_REQUESTED", actor, note, requirementId)
                .update();
        audit.decision(
                actor,
                "grant-award",
                r.awardId(),
                r.kind() + " report " + (accept ? "accepted" : "returned for revision"));
    }

    @Transactional
    void extend(long requirementId, LocalDate to, String reason, String actor) {
        Requirement r = find(requirementId).orElseThrow(() -> new GrantRuleViolation("No such report."));
        if (to == null || !to.isAfter(r.effectiveDue())) {
            throw new GrantRuleViolation("An extension must move the due date later than " + r.effectiveDue() + ".");
        }
        if (reason == null || reason.isBlank()) {
            throw new GrantRuleViolation("Give the reason for the extension.");
        }
        jdbc.sql("update grants.report_requirement set extended_to = ? where id = ?")
                .params(to, requirementId)
                .update();
        jdbc.sql(
                        "insert into grants.report_due_change (requirement_id, old_due, new_due, reason, changed_by) values (?, ?, ?, ?, ?)")
                .params(requirementId, r.effectiveDue(), to, reason.trim(), actor)
                .update();
        audit.decision(actor, "grant-award", r.awardId(), r.kind() + " report extended to " + to + ": " + reason);
    }

    @Transactional
    void outcome(long awardId, String indicator, BigDecimal target, BigDecimal actual, String actor) {
        if (indicator == null || indicator.isBlank() || target == null) {
            throw new GrantRuleViolation("An outcome needs an indicator and a target.");
        }
        jdbc.sql("""
                insert into grants.outcome (award_id, indicator, target, actual) values (?, ?, ?, ?)
                on conflict (award_id, indicator) do update set target = excluded.target, actual = excluded.actual""").params(awardId, indicator.trim(), target, actual).update();
        audit.change(
                actor, org.commonweal.audit.AuditAction.UPDATE, "grant-award", awardId, "outcome " + indicator.trim());
    }

    /** Closes an award once every report is accepted and no approved payment is waiting; unpaid tranches are cancelled. */
    @Transactional
    void close(long awardId, String note, String actor) {
        var award = awards.find(awardId).orElseThrow(() -> new GrantRuleViolation("No such award."));
        if (!"ACTIVE".equals(award.status())) {
            throw new GrantRuleViolation("This award is already closed.");
        }
        List<Requirement> open = forAward(awardId).stream()
                .filter(r -> !"ACCEPTED".equals(r.status()))
                .toList();
        if (!open.isEmpty()) {
            throw new GrantRuleViolation("Reports not yet accepted: "
                    + open.stream().map(Requirement::kind).toList() + ".");
        }
        var waiting = awards.disbursements(awardId).stream()
                .filter(d -> d.status() == org.commonweal.grants.lifecycle.DisbursementStatus.APPROVED)
                .toList();
        if (!waiting.isEmpty()) {
            throw new GrantRuleViolation("Tranche " + waiting.get(0).seq() + " is approved but not paid.");
        }
        for (var d : awards.disbursements(awardId)) {
            if (d.status() == org.commonweal.grants.lifecycle.DisbursementStatus.SCHEDULED) {
                awards.cancel(d.id(), "cancelled at closeout", actor);
            }
        }
        jdbc.sql("update grants.award set status = 'CLOSED', closed_on = current_date, closeout_note = ? where id = ?")
                .params(note, awardId)
                .update();
        audit.decision(actor, "grant-award", awardId, "closed out; paid " + awards.paid(awardId));
    }

    List<Requirement> forAward(long awardId) {
        return jdbc.sql("select * from grants.report_requirement where award_id = ? order by due_on, id")
                .param(awardId)
                .query(ReportingDesk::map)
                .list();
    }

    Optional<Requirement> find(long id) {
        return jdbc.sql("select * from grants.report_requirement where id = ?")
                .param(id)
                .query(ReportingDesk::map)
                .optional();
    }

    List<Outcome> outcomes(long awardId) {
        return jdbc.sql("select * from grants.outcome where award_id = ? order by indicator")
                .param(awardId)
                .query((rs, n) -> new Outcome(
                        rs.getLong("id"),
                        rs.getString("indicator"),
                        rs.getBigDecimal("target"),
                        rs.getBigDecimal("actual")))
                .list();
    }

    private static Requirement map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp submitted = rs.getTimestamp("submitted_at");
        return new Requirement(
                rs.getLong("id"),
                rs.getLong("award_id"),
                rs.getString("kind"),
                rs.getObject("due_on", LocalDate.class),
                rs.getObject("extended_to", LocalDate.class),
                rs.getString("status"),
                rs.getString("narrative"),
                rs.getBigDecimal("spent_to_date"),
                rs.getString("submitted_by"),
                submitted == null ? null : submitted.toInstant(),
                rs.getString("review_note"));
    }
}
