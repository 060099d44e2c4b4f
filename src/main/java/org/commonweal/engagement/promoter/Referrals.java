package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.engagement.ReferralOutcomeReported;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Referrals and their outcomes, recorded by staff or reported back by another module. */
@Service
public class Referrals {

    public record Referral(
            long id,
            long contactId,
            String promoterName,
            String personName,
            String memberId,
            String kind,
            String target,
            LocalDate referredOn,
            String outcome,
            LocalDate outcomeOn,
            String externalRef) {}

    private final JdbcClient jdbc;
    private final AuditTrail audit;

    Referrals(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Referral> list(String outcome, Long promoterId, int limit) {
        List<Referral> list = jdbc.sql("""
                select r.id, r.contact_id, p.full_name, c.person_name, c.member_id, r.kind, r.target, r.referred_on,
                       r.outcome, r.outcome_on, r.external_ref
                from engagement.referral r join engagement.contact c on c.id = r.contact_id
                join engagement.promoter p on p.id = c.promoter_id
                where (cast(:outcome as text) is null or r.outcome = :outcome)
                  and (cast(:promoter as bigint) is null or p.id = :promoter)
                order by r.referred_on desc, r.id desc limit :limit""")
                .param("outcome", outcome)
                .param("promoter", promoterId)
                .param("limit", limit)
                .query((rs, n) -> new Referral(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getObject(8, LocalDate.class),
                        rs.getString(9),
                        rs.getObject(10, LocalDate.class),
                        rs.getString(11)))
                .list();
        audit.record(new AuditEntry(
                AuditAction.SEARCH,
                "engagement-referral",
                null,
                null,
                "referral follow-up",
                list.size() + " referrals listed"));
        return list;
    }

    @Transactional
    public void recordOutcome(long id, String outcome, LocalDate on, String externalRef) {
        apply(id, outcome, on, externalRef, null);
    }

    private void apply(long id, String outcome, LocalDate on, String externalRef, String systemActor) {
        if (!OutreachVocabulary.OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("outcome must be one of " + OutreachVocabulary.OUTCOMES);
        }
        var row = jdbc.sql("""
                select r.referred_on, c.member_id from engagement.referral r
                join engagement.contact c on c.id = r.contact_id where r.id = ? for update of r""")
                .param(id)
                .query((rs, n) -> new Object[] {rs.getObject(1, LocalDate.class), rs.getString(2)})
                .optional()
                .orElseThrow(() -> new java.util.NoSuchElementException("referral " + id));
        if (on == null || on.isBefore((LocalDate) row[0])) {
            throw new IllegalArgumentException("outcome date must be on or after the referral (" + row[0] + ")");
        }
        jdbc.sql("""
                update engagement.referral set outcome = ?, outcome_on = ?, external_ref = coalesce(?, external_ref)
                where id = ?""").params(outcome, on, externalRef, id).update();
        AuditEntry entry = AuditEntry.change(
                AuditAction.UPDATE,
                "engagement-referral",
                String.valueOf(id),
                (String) row[1],
                "referral follow-up",
                "outcome " + outcome);
        if (systemActor == null) {
            audit.record(entry);
        } else {
            audit.recordAs(systemActor, entry);
        }
    }

    /** Another module (centers) answers a referral, for example with the registration it made. */
    @ApplicationModuleListener
    void on(ReferralOutcomeReported reported) {
        apply(
                reported.referralId(),
                reported.outcome(),
                reported.on(),
                reported.externalReference(),
                "system:referral-loop");
    }
}
