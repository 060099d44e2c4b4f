package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.commonweal.grants.lifecycle.GrantRuleViolation;
import org.commonweal.grants.lifecycle.LetterOfIntentRules;
import org.commonweal.grants.lifecycle.LetterOfIntentRules.Status;
import org.commonweal.shell.Formats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Letters of intent: a short form before the LOI deadline; staff invite or decline with a reason, audited. */
@Component
class LetterOfIntentDesk {

    record Letter(
            long id,
            long cycleId,
            String cycleTitle,
            long organizationId,
            String organizationName,
            String ein,
            String title,
            String summary,
            BigDecimal requested,
            Status status,
            String decisionReason,
            String decidedBy,
            Instant decidedAt,
            String submittedBy,
            Instant submittedAt) {}

    private static final String SELECT = """
            select l.*, c.title as cycle_title, o.legal_name, o.ein from grants.letter_of_intent l
            join grants.funding_cycle c on c.id = l.cycle_id join grants.organization o on o.id = l.organization_id""";

    private final JdbcClient jdbc;
    private final GrantsCatalog catalog;
    private final GrantsAudit audit;
    private final GrantsNotifications notifications;

    private final Formats formats;

    LetterOfIntentDesk(
            JdbcClient jdbc,
            GrantsCatalog catalog,
            GrantsAudit audit,
            GrantsNotifications notifications,
            Formats formats) {
        this.formats = formats;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.audit = audit;
        this.notifications = notifications;
    }

    /** Sends (or, while it awaits a decision, revises) the organization's letter for the cycle. */
    @Transactional
    long submit(
            long cycleId,
            long organizationId,
            String title,
            String summary,
            BigDecimal requested,
            String actor,
            Instant now) {
        var cycle = catalog.cycle(cycleId).orElseThrow(() -> new GrantRuleViolation("No such funding cycle."));
        LetterOfIntentRules.requireLetterAccepted(cycle.loiRequired(), cycle.loiClosesAt(), now, cycle.zone());
        if (title == null || title.isBlank()) {
            throw new GrantRuleViolation("The project title is required.");
        }
        if (summary == null || summary.isBlank()) {
            throw new GrantRuleViolation("Describe the project in a few sentences.");
        }
        if (summary.length() > 3000) {
            throw new GrantRuleViolation(
                    "A letter of intent is short: at most 3,000 characters (this one has " + summary.length() + ").");
        }
        if (requested == null
                || requested.compareTo(cycle.awardFloor()) < 0
                || requested.compareTo(cycle.awardCeiling()) > 0) {
            throw new GrantRuleViolation(
                    "The amount requested must be between " + formats.money(cycle.awardFloor(), Locale.ENGLISH)
                            + " and " + formats.money(cycle.awardCeiling(), Locale.ENGLISH) + ".");
        }
        var existing = of(cycleId, organizationId);
        if (existing.isPresent() && existing.get().status() != Status.SUBMITTED) {
            throw new GrantRuleViolation(
                    "Your organization's letter of intent for this cycle has already been decided.");
        }
        long id = jdbc.sql("""
                insert into grants.letter_of_intent (cycle_id, organization_id, title, summary, requested_amount, submitted_by)
                values (?, ?, ?, ?, ?, ?)
                on conflict (cycle_id, organization_id) do update set title = excluded.title, summary = excluded.summary,
                    requested_amount = excluded.requested_amount, submitted_by = excluded.submitted_by, submitted_at = now()
                where grants.letter_of_intent.status = 'SUBMITTED' returning id""")
                .params(cycleId, organizationId, title.trim(), summary.trim(), requested, actor)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new GrantRuleViolation(
                        "Your organization's letter of intent for this cycle has already been decided."));
        audit.decision(
                actor,
                "grant-loi",
                id,
                "letter of intent " + (existing.isPresent() ? "revised" : "submitted") + " for cycle " + cycle.code()
                        + ", requesting " + formats.money(requested, Locale.ENGLISH));
        return id;
    }

    /** Staff invite the organization to apply in full, or decline with a reason; the organization's contacts are told. */
    @Transactional
    void decide(long id, boolean invite, String reason, String actor) {
        Letter letter = jdbc.sql(SELECT + " where l.id = ? for update of l")
                .param(id)
                .query(LetterOfIntentDesk::map)
                .optional()
                .orElseThrow(() -> new GrantRuleViolation("No such letter of intent."));
        Status next = LetterOfIntentRules.decide(letter.status(), invite, reason);
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        jdbc.sql(
                        "update grants.letter_of_intent set status = ?, decision_reason = ?, decided_by = ?, decided_at = now() where id = ?")
                .params(next.name(), why, actor, id)
                .update();
        audit.decision(
                actor,
                "grant-loi",
                id,
                "letter of intent " + (invite ? "invited" : "declined") + " for " + letter.cycleTitle()
                        + (why == null ? "" : ": " + why));
        notifications.toOrganization(
                letter.organizationId(),
                invite ? "loiInvited" : "loiDeclined",
                letter.organizationName(),
                letter.cycleTitle(),
                letter.title(),
                why == null ? "" : why);
    }

    /** Throws, with the reason, unless the organization may start a full application in the cycle. */
    void requireInvited(GrantsCatalog.Cycle cycle, long organizationId) {
        if (!cycle.loiRequired()) {
            return;
        }
        var letter = of(cycle.id(), organizationId);
        LetterOfIntentRules.requireInvitation(
                letter.map(Letter::status).orElse(null),
                letter.map(Letter::decisionReason).orElse(null));
    }

    Optional<Letter> find(long id) {
        return jdbc.sql(SELECT + " where l.id = ?")
                .param(id)
                .query(LetterOfIntentDesk::map)
                .optional();
    }

    Optional<Letter> of(long cycleId, long organizationId) {
        return jdbc.sql(SELECT + " where l.cycle_id = ? and l.organization_id = ?")
                .params(cycleId, organizationId)
                .query(LetterOfIntentDesk::map)
                .optional();
    }

    List<Letter> forCycle(long cycleId) {
        return jdbc.sql(SELECT + " where l.cycle_id = ? order by l.status desc, l.submitted_at")
                .param(cycleId)
                .query(LetterOfIntentDesk::map)
                .list();
    }

    List<Letter> ofOrganization(long organizationId) {
        return jdbc.sql(SELECT + " where l.organization_id = ? order by l.submitted_at desc")
                .param(organizationId)
                .query(LetterOfIntentDesk::map)
                .list();
    }

    private static Letter map(ResultSet rs, int n) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Letter(
                rs.getLong("id"),
                rs.getLong("cycle_id"),
                rs.getString("cycle_title"),
                rs.getLong("organization_id"),
                rs.getString("legal_name"),
                rs.getString("ein"),
                rs.getString("title"),
                rs.getString("summary"),
                rs.getBigDecimal("requested_amount"),
                Status.valueOf(rs.getString("status")),
                rs.getString("decision_reason"),
                rs.getString("decided_by"),
                decided == null ? null : decided.toInstant(),
                rs.getString("submitted_by"),
                rs.getTimestamp("submitted_at").toInstant());
    }
}
