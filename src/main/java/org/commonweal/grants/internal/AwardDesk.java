package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonweal.grants.GrantAwarded;
import org.commonweal.grants.lifecycle.DisbursementStatus;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.grants.lifecycle.PaymentCeiling;
import org.commonweal.grants.lifecycle.PaymentCeiling.Tranche;
import org.commonweal.shell.Formats;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Awards, amendments with history, the payment schedule and disbursements. Every money movement locks the award row
 * ({@code select … for update}) before checking the ceiling, so concurrent approvals are serialized per award and the
 * sum committed never exceeds the amount awarded.
 */
@Component
class AwardDesk {

    record Award(
            long id,
            String awardNumber,
            Long applicationId,
            long organizationId,
            String organizationName,
            String ein,
            String orgType,
            Integer spa,
            long programId,
            String programName,
            String title,
            BigDecimal amount,
            LocalDate awardedOn,
            LocalDate startsOn,
            LocalDate endsOn,
            String status,
            LocalDate closedOn,
            String closeoutNote,
            String source) {}

    record Disbursement(
            long id,
            long awardId,
            int seq,
            BigDecimal amount,
            LocalDate dueOn,
            String milestone,
            DisbursementStatus status,
            String approvedBy,
            LocalDate paidOn,
            String note) {}

    record Amendment(
            BigDecimal oldAmount,
            BigDecimal newAmount,
            LocalDate oldEndsOn,
            LocalDate newEndsOn,
            String reason,
            String amendedBy,
            Instant amendedAt) {}

    record NewAward(
            Long applicationId,
            long organizationId,
            long programId,
            Long cycleId,
            String title,
            BigDecimal amount,
            LocalDate awardedOn,
            LocalDate startsOn,
            LocalDate endsOn,
            Long boardActionId) {}

    private static final String SELECT = """
            select w.*, o.legal_name, o.ein, o.org_type, o.spa, p.name as program_name from grants.award w
            join grants.organization o on o.id = w.organization_id join grants.program p on p.id = w.program_id""";

    private final JdbcClient jdbc;
    private final GrantsAudit audit;
    private final ApplicationEventPublisher events;
    private final Formats formats;

    AwardDesk(JdbcClient jdbc, GrantsAudit audit, ApplicationEventPublisher events, Formats formats) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
        this.formats = formats;
    }

    @Transactional
    long create(NewAward a, String actor) {
        long id = jdbc.sql("""
                insert into grants.award (award_number, application_id, organization_id, program_id, cycle_id, title,
                    amount, awarded_on, starts_on, ends_on, board_action_id)
                values ('pending-' || gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        a.applicationId(),
                        a.organizationId(),
                        a.programId(),
                        a.cycleId(),
                        a.title(),
                        a.amount(),
                        a.awardedOn(),
                        a.startsOn(),
                        a.endsOn(),
                        a.boardActionId())
                .query(Long.class)
                .single();
        String number = "CHIF-" + a.awardedOn().getYear() + "-" + String.format("%05d", id);
        jdbc.sql("update grants.award set award_number = ? where id = ?")
                .params(number, id)
                .update();
        LocalDate mid = a.startsOn().plusDays(a.startsOn().until(a.endsOn()).toTotalMonths() * 15);
        jdbc.sql(
                        "insert into grants.report_requirement (award_id, kind, due_on) values (?, 'INTERIM', ?), (?, 'FINAL', ?), (?, 'FINANCIAL', ?)")
                .params(id, mid, id, a.endsOn().plusDays(30), id, a.endsOn().plusDays(30))
                .update();
        var award = find(id).orElseThrow();
        audit.decision(actor, "grant-award", id, "award " + number + " of " + money(a.amount()));
        events.publishEvent(new GrantAwarded(id, number, award.ein(), a.amount()));
        return id;
    }

    @Transactional
    void amend(long awardId, BigDecimal newAmount, LocalDate newEndsOn, String reason, String actor) {
        Award award = lock(awardId);
        if (reason == null || reason.isBlank()) {
            throw new GrantRuleViolation("An amendment needs a reason.");
        }
        requireActive(award);
        PaymentCeiling.requireAmendable(newAmount, tranches(awardId), this::money);
        LocalDate ends = newEndsOn == null ? award.endsOn() : newEndsOn;
        if (ends.isBefore(award.startsOn())) {
            throw new GrantRuleViolation("The award cannot end before it starts (" + award.startsOn() + ").");
        }
        jdbc.sql("""
                insert into grants.award_amendment (award_id, old_amount, new_amount, old_ends_on, new_ends_on, reason, amended_by)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(awardId, award.amount(), newAmount, award.endsOn(), ends, reason.trim(), actor)
                .update();
        jdbc.sql("update grants.award set amount = ?, ends_on = ? where id = ?")
                .params(newAmount, ends, awardId)
                .update();
        audit.decision(
                actor,
                "grant-award",
                awardId,
                "amended " + money(award.amount()) + " -> " + money(newAmount) + ", ends " + ends + ": "
                        + reason.trim());
    }

    @Transactional
    long schedule(long awardId, BigDecimal amount, LocalDate dueOn, String milestone, String actor) {
        Award award = lock(awardId);
        requireActive(award);
        PaymentCeiling.requireSchedulable(award.amount(), tranches(awardId), amount, this::money);
        if (dueOn == null) {
            throw new GrantRuleViolation("A tranche needs a due date.");
        }
        if (dueOn.isBefore(award.startsOn()) || dueOn.isAfter(award.endsOn())) {
            throw new GrantRuleViolation("A tranche is due inside the grant period, " + award.startsOn() + " to "
                    + award.endsOn() + "; " + dueOn + " is outside it.");
        }
        if (milestone != null && milestone.length() > 500) {
            throw new GrantRuleViolation("The milestone can be at most 500 characters.");
        }
        long id = jdbc.sql("""
                insert into grants.disbursement (award_id, seq, amount, due_on, milestone, scheduled_by)
                values (?, (select coalesce(max(seq), 0) + 1 from grants.disbursement where award_id = ?), ?, ?, ?, ?)
                returning id""")
                .params(awardId, awardId, amount, dueOn, blankToNull(milestone), actor)
                .query(Long.class)
                .single();
        audit.payment(actor, awardId, "tranche scheduled " + money(amount) + " due " + dueOn);
        return id;
    }

    /** Approves a tranche for payment; the award row is locked so two approvals cannot both pass the ceiling. */
    @Transactional
    void approve(long disbursementId, String actor) {
        move(disbursementId, DisbursementStatus.APPROVED, actor, null, null);
    }

    @Transactional
    void pay(long disbursementId, LocalDate paidOn, String actor) {
        move(disbursementId, DisbursementStatus.PAID, actor, paidOn == null ? LocalDate.now() : paidOn, null);
    }

    @Transactional
    void returned(long disbursementId, String note, String actor) {
        if (note == null || note.isBlank()) {
            throw new GrantRuleViolation("Say why the payment came back.");
        }
        move(disbursementId, DisbursementStatus.RETURNED, actor, null, note);
    }

    @Transactional
    void cancel(long disbursementId, String note, String actor) {
        move(disbursementId, DisbursementStatus.CANCELLED, actor, null, note);
    }

    private void move(long disbursementId, DisbursementStatus target, String actor, LocalDate paidOn, String note) {
        long awardId = jdbc.sql("select award_id from grants.disbursement where id = ?")
                .param(disbursementId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new GrantRuleViolation("No such payment."));
        Award award = lock(awardId);
        Disbursement d = disbursement(disbursementId).orElseThrow();
        d.status().moveTo(target);
        if (target == DisbursementStatus.PAID) {
            requireSecondPerson(disbursementId, actor);
            if (paidOn.isBefore(award.startsOn())) {
                throw new GrantRuleViolation(
                        "A payment cannot be made before the grant period starts (" + award.startsOn() + ").");
            }
        }
        if (note != null && note.length() > 1000) {
            throw new GrantRuleViolation("The note can be at most 1,000 characters.");
        }
        if (target == DisbursementStatus.APPROVED) {
            requireActive(award);
            PaymentCeiling.requireApprovable(award.amount(), tranches(awardId), d.amount(), this::money);
        }
        jdbc.sql("""
                update grants.disbursement set status = ?,
                    approved_by = case when ? = 'APPROVED' then ? else approved_by end,
                    approved_at = case when ? = 'APPROVED' then now() else approved_at end,
                    paid_on = coalesce(?, paid_on), note = coalesce(?, note),
                    paid_by = case when ? = 'PAID' then ? else paid_by end
                where id = ?""")
                .params(
                        target.name(),
                        target.name(),
                        actor,
                        target.name(),
                        paidOn,
                        note,
                        target.name(),
                        actor,
                        disbursementId)
                .update();
        audit.payment(
                actor,
                awardId,
                "tranche " + d.seq() + " " + money(d.amount()) + " " + d.status() + " -> " + target
                        + (note == null ? "" : ": " + note));
    }

    /**
     * Separation of duties (ADR 0003): the person who scheduled or approved a tranche does not mark it paid, so
     * every payment has passed two people.
     */
    private void requireSecondPerson(long disbursementId, String actor) {
        if (preparedBy(disbursementId, actor)) {
            throw new GrantRuleViolation("Separation of duties: " + actor + " scheduled or approved this tranche, so "
                    + "another grants officer must mark it paid.");
        }
    }

    /** Whether this person scheduled or approved the tranche, and so may not mark it paid (ADR 0003). */
    boolean preparedBy(long disbursementId, String actor) {
        return jdbc
                .sql(
                        "select coalesce(scheduled_by, ''), coalesce(approved_by, '') from grants.disbursement where id = ?")
                .param(disbursementId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2)))
                .optional()
                .orElse(List.of())
                .stream()
                .anyMatch(actor::equalsIgnoreCase);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private Award lock(long awardId) {
        jdbc.sql("select id from grants.award where id = ? for update")
                .param(awardId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new GrantRuleViolation("No such award."));
        return find(awardId).orElseThrow();
    }

    private static void requireActive(Award award) {
        if (!"ACTIVE".equals(award.status())) {
            throw new GrantRuleViolation("Award " + award.awardNumber() + " is closed.");
        }
    }

    List<Tranche> tranches(long awardId) {
        return disbursements(awardId).stream()
                .map(d -> new Tranche(d.amount(), d.status()))
                .toList();
    }

    BigDecimal paid(long awardId) {
        return jdbc.sql(
                        "select coalesce(sum(amount), 0) from grants.disbursement where award_id = ? and status = 'PAID'")
                .param(awardId)
                .query(BigDecimal.class)
                .single();
    }

    Optional<Award> find(long id) {
        return jdbc.sql(SELECT + " where w.id = ?")
                .param(id)
                .query(AwardDesk::map)
                .optional();
    }

    List<Award> ofOrganization(long organizationId) {
        return jdbc.sql(SELECT + " where w.organization_id = ? order by w.awarded_on desc")
                .param(organizationId)
                .query(AwardDesk::map)
                .list();
    }

    List<Award> active() {
        return jdbc.sql(SELECT + " where w.status = 'ACTIVE' order by w.awarded_on desc, w.id desc limit 300")
                .query(AwardDesk::map)
                .list();
    }

    List<Disbursement> disbursements(long awardId) {
        return jdbc.sql("select * from grants.disbursement where award_id = ? order by seq")
                .param(awardId)
                .query(AwardDesk::disbursement)
                .list();
    }

    Optional<Disbursement> disbursement(long id) {
        return jdbc.sql("select * from grants.disbursement where id = ?")
                .param(id)
                .query(AwardDesk::disbursement)
                .optional();
    }

    List<Amendment> amendments(long awardId) {
        return jdbc.sql("select * from grants.award_amendment where award_id = ? order by amended_at, id")
                .param(awardId)
                .query((rs, n) -> new Amendment(
                        rs.getBigDecimal("old_amount"),
                        rs.getBigDecimal("new_amount"),
                        rs.getObject("old_ends_on", LocalDate.class),
                        rs.getObject("new_ends_on", LocalDate.class),
                        rs.getString("reason"),
                        rs.getString("amended_by"),
                        rs.getTimestamp("amended_at").toInstant()))
                .list();
    }

    private static Disbursement disbursement(ResultSet rs, int n) throws SQLException {
        return new Disbursement(
                rs.getLong("id"),
                rs.getLong("award_id"),
                rs.getInt("seq"),
                rs.getBigDecimal("amount"),
                rs.getObject("due_on", LocalDate.class),
                rs.getString("milestone"),
                DisbursementStatus.valueOf(rs.getString("status")),
                rs.getString("approved_by"),
                rs.getObject("paid_on", LocalDate.class),
                rs.getString("note"));
    }

    private static Award map(ResultSet rs, int n) throws SQLException {
        return new Award(
                rs.getLong("id"),
                rs.getString("award_number"),
                (Long) rs.getObject("application_id"),
                rs.getLong("organization_id"),
                rs.getString("legal_name"),
                rs.getString("ein"),
                rs.getString("org_type"),
                (Integer) rs.getObject("spa"),
                rs.getLong("program_id"),
                rs.getString("program_name"),
                rs.getString("title"),
                rs.getBigDecimal("amount"),
                rs.getObject("awarded_on", LocalDate.class),
                rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class),
                rs.getString("status"),
                rs.getObject("closed_on", LocalDate.class),
                rs.getString("closeout_note"),
                rs.getString("source"));
    }

    /** Amounts in refusals and audit records: English, in the plan's currency. */
    private String money(BigDecimal amount) {
        return formats.money(amount, Locale.ENGLISH);
    }
}
