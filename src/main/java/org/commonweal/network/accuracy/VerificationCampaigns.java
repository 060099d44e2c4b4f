package org.commonweal.network.accuracy;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.network.internal.LocationChanges;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SB 137 verification: a campaign asks every practitioner not verified within the cadence to confirm their listing;
 * confirmations and changes are recorded; whoever has not answered when the notice period ends is hidden from the
 * public directory (Find a Doctor and the FHIR API) until they confirm. Every step is audited.
 */
@Service
public class VerificationCampaigns {

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final LocationChanges locationChanges;

    public VerificationCampaigns(JdbcClient jdbc, AuditTrail audit, LocationChanges locationChanges) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.locationChanges = locationChanges;
    }

    public record Campaign(
            long id,
            LocalDate startedOn,
            int cadenceDays,
            int noticeDays,
            String startedBy,
            long pending,
            long confirmed,
            long suppressed) {}

    public record Request(
            long id,
            long campaignId,
            String practitionerId,
            String name,
            LocalDate sentOn,
            LocalDate noticeEndsOn,
            String status,
            LocalDate respondedOn) {}

    /** Starts a campaign for everyone last verified more than {@code cadenceDays} ago; returns its id. */
    @Transactional
    public long start(int cadenceDays, int noticeDays, String actor) {
        if (cadenceDays < 1 || noticeDays < 1) {
            throw new IllegalArgumentException("cadence and notice must be at least one day");
        }
        long id = jdbc.sql("insert into network.verification_campaign (started_on, cadence_days, notice_days,"
                        + " started_by) values (current_date, ?, ?, ?) returning id")
                .params(cadenceDays, noticeDays, actor)
                .query(Long.class)
                .single();
        int n = jdbc.sql("insert into network.verification_request (campaign_id, practitioner_id, sent_on,"
                        + " notice_ends_on) select ?, p.id, current_date, current_date + ? from network.practitioner p"
                        + " where p.active and (p.verified_on is null or p.verified_on < current_date - ?)"
                        + " and not exists (select 1 from network.verification_request r where r.practitioner_id = p.id"
                        + " and r.status = 'pending')")
                .params(id, noticeDays, cadenceDays)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "verification-campaign",
                String.valueOf(id),
                null,
                "SB 137 accuracy",
                n + " practitioners due"));
        return id;
    }

    /** Records a provider's answer: {@code confirmed} (no change) or {@code changed} (corrections made). */
    @Transactional
    public void respond(long requestId, String answer, String actor) {
        if (!answer.equals("confirmed") && !answer.equals("changed")) {
            throw new IllegalArgumentException("answer must be confirmed or changed");
        }
        String practitioner = jdbc.sql("update network.verification_request set status = ?, responded_on = current_date"
                        + " where id = ? and status in ('pending', 'suppressed') returning practitioner_id")
                .params(answer, requestId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new IllegalArgumentException("no open verification request " + requestId));
        var locations = locationChanges.practitioners(List.of(practitioner));
        jdbc.sql("update network.practitioner set verified_on = current_date, verified_by = 'provider attestation',"
                        + " suppressed = false where id = ?")
                .param(practitioner)
                .update();
        jdbc.sql("update network.practitioner_role set suppressed = false where practitioner_id = ?")
                .param(practitioner)
                .update();
        locations.publishChanges();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "verification-request",
                String.valueOf(requestId),
                null,
                "SB 137 accuracy",
                practitioner + " " + answer));
    }

    /** Hides everyone whose notice period has ended without an answer; returns how many. */
    @Transactional
    public int suppressNonResponders(String actor) {
        List<String> hidden = jdbc.sql("update network.verification_request set status = 'suppressed'"
                        + " where status = 'pending' and notice_ends_on < current_date returning practitioner_id")
                .query(String.class)
                .list();
        if (hidden.isEmpty()) {
            return 0;
        }
        String[] ids = hidden.toArray(String[]::new);
        var locations = locationChanges.practitioners(hidden);
        jdbc.sql("update network.practitioner set suppressed = true, last_updated = now(), version = version + 1"
                        + " where id = any(?)")
                .param(ids)
                .update();
        jdbc.sql("update network.practitioner_role set suppressed = true, last_updated = now(), version = version + 1"
                        + " where practitioner_id = any(?)")
                .param(ids)
                .update();
        jdbc.sql("insert into network.entry_history (resource_type, resource_id, version, changed_by, source, change,"
                        + " snapshot) select 'Practitioner', p.id, p.version, ?, 'verification campaign', 'suppressed',"
                        + " to_jsonb(p) from network.practitioner p where p.id = any(?)")
                .params(actor, ids)
                .update();
        locations.publishChanges();
        for (String id : hidden) {
            audit.recordAs(
                    actor,
                    AuditEntry.change(
                            AuditAction.UPDATE,
                            "practitioner",
                            id,
                            null,
                            "SB 137 accuracy",
                            "hidden from the public directory: no answer after notice"));
        }
        return hidden.size();
    }

    public List<Campaign> campaigns() {
        return jdbc.sql("select c.id, c.started_on, c.cadence_days, c.notice_days, c.started_by,"
                        + " count(r.id) filter (where r.status = 'pending'),"
                        + " count(r.id) filter (where r.status in ('confirmed', 'changed')),"
                        + " count(r.id) filter (where r.status = 'suppressed')"
                        + " from network.verification_campaign c left join network.verification_request r on r.campaign_id = c.id"
                        + " group by c.id order by c.id desc limit 50")
                .query((rs, n) -> new Campaign(
                        rs.getLong(1),
                        rs.getObject(2, LocalDate.class),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    public List<Request> requests(long campaignId, String status) {
        return jdbc.sql("select r.id, r.campaign_id, r.practitioner_id, p.given || ' ' || p.family, r.sent_on,"
                        + " r.notice_ends_on, r.status, r.responded_on from network.verification_request r"
                        + " join network.practitioner p on p.id = r.practitioner_id where r.campaign_id = ?"
                        + " and (?::text is null or r.status = ?) order by r.notice_ends_on, r.id limit 200")
                .params(campaignId, status, status)
                .query((rs, n) -> new Request(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7),
                        rs.getObject(8, LocalDate.class)))
                .list();
    }
}
