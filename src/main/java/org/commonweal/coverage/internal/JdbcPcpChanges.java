package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.PcpChanges;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcPcpChanges implements PcpChanges {

    private static final String COLUMNS = "id, member_id, practitioner_id, npi, practitioner_name, location_name,"
            + " phone, medical_group, requested_at, effective_on, status, decision_note";

    private final JdbcClient jdbc;
    private final Members members;
    private final AuditTrail audit;
    private final ZoneId zone;

    JdbcPcpChanges(JdbcClient jdbc, Members members, AuditTrail audit, PlanIdentity plan) {
        this.jdbc = jdbc;
        this.members = members;
        this.audit = audit;
        this.zone = plan.timeZone();
    }

    @Override
    @Transactional
    public PcpChangeRequest request(String memberId, PcpChoice choice, String username) {
        LocalDate today = LocalDate.now(zone);
        EnrollmentSpan span = members.coveringSpan(memberId, today).orElse(null);
        String directoryLine = span == null
                ? null
                : jdbc.sql("select directory_product_line from" + " coverage.product_line where code = ?")
                        .param(span.productLine())
                        .query(String.class)
                        .optional()
                        .orElse(null);
        LocalDate effective =
                PcpChangeRules.check(directoryLine, span != null, span == null ? null : span.pcpNpi(), choice, today);
        jdbc.sql("update coverage.pcp_change_request set status = 'withdrawn', decided_at = now(), decided_by = ?,"
                        + " decision_note = 'replaced by a newer request' where member_id = ? and status = 'open'")
                .params(username, memberId)
                .update();
        long id = jdbc.sql("""
                insert into coverage.pcp_change_request (member_id, practitioner_id, npi, practitioner_name,
                    location_id, location_name, phone, medical_group, requested_by, effective_on)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        memberId,
                        choice.practitionerId(),
                        choice.npi(),
                        choice.name(),
                        choice.locationId(),
                        choice.locationName(),
                        choice.phone(),
                        choice.medicalGroup(),
                        username,
                        effective)
                .query(Long.class)
                .single();
        jdbc.sql("insert into coverage.member_change (member_id, source, username, reason, summary)"
                        + " values (?, 'member', ?, 'member self-service', ?)")
                .params(
                        memberId,
                        username,
                        "asked to change PCP to " + choice.name() + " (NPI " + choice.npi() + ") at "
                                + choice.locationName() + " from " + effective)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.CREATE,
                "pcp-change-request",
                Long.toString(id),
                memberId,
                "member self-service",
                "PCP change requested"));
        return byId(id);
    }

    @Override
    public List<PcpChangeRequest> forMember(String memberId, String purpose) {
        audit.record(AuditEntry.read("pcp-change-request", memberId, memberId, purpose));
        return jdbc.sql("select " + COLUMNS + " from coverage.pcp_change_request where member_id = ?"
                        + " order by requested_at desc, id desc limit 20")
                .param(memberId)
                .query(JdbcPcpChanges::row)
                .list();
    }

    @Override
    public List<PcpChangeRequest> open(int limit) {
        List<PcpChangeRequest> open = jdbc.sql("select " + COLUMNS + " from coverage.pcp_change_request"
                        + " where status = 'open' order by requested_at, id limit ?")
                .param(limit)
                .query(JdbcPcpChanges::row)
                .list();
        open.forEach(r -> audit.record(AuditEntry.read(
                "pcp-change-request", Long.toString(r.id()), r.memberId(), "member services PCP change queue")));
        return open;
    }

    @Override
    @Transactional
    public PcpChangeRequest decide(long requestId, boolean approve, String note, String username) {
        String reason = note == null || note.isBlank() ? null : note.strip();
        int updated = jdbc.sql("update coverage.pcp_change_request set status = ?, decided_at = now(),"
                        + " decided_by = ?, decision_note = ? where id = ? and status = 'open'")
                .params(approve ? "approved" : "declined", username, reason, requestId)
                .update();
        if (updated == 0) {
            throw new IllegalStateException("not open");
        }
        PcpChangeRequest r = byId(requestId);
        String summary;
        if (approve) {
            // the span that covers the effective date (the member's coverage from then on) gets the new PCP
            int spans = jdbc.sql("""
                    update coverage.enrollment_span set pcp_npi = ?, pcp_name = ?, pcp_location = ?, updated_at = now()
                    where id = (select id from coverage.enrollment_span where member_id = ? and begin_date <= ?
                                and (end_date is null or end_date >= ?) and status <> 'suspended'
                                order by begin_date desc, id desc limit 1)""")
                    .params(
                            r.npi(),
                            r.practitionerName(),
                            r.locationName(),
                            r.memberId(),
                            r.effectiveOn(),
                            r.effectiveOn())
                    .update();
            summary = "PCP changed to " + r.practitionerName() + " (NPI " + r.npi() + ") from " + r.effectiveOn()
                    + (spans == 0 ? " (no coverage on that date: no span changed)" : "");
        } else {
            summary = "PCP change to " + r.practitionerName() + " declined";
        }
        jdbc.sql("insert into coverage.member_change (member_id, source, username, reason, summary)"
                        + " values (?, 'user', ?, ?, ?)")
                .params(r.memberId(), username, reason == null ? "PCP change request " + requestId : reason, summary)
                .update();
        audit.record(AuditEntry.change(
                AuditAction.UPDATE,
                "pcp-change-request",
                Long.toString(requestId),
                r.memberId(),
                reason == null ? "member services decision" : reason,
                summary));
        return r;
    }

    private PcpChangeRequest byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from coverage.pcp_change_request where id = ?")
                .param(id)
                .query(JdbcPcpChanges::row)
                .single();
    }

    private static PcpChangeRequest row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new PcpChangeRequest(
                rs.getLong("id"),
                rs.getString("member_id"),
                rs.getString("practitioner_id"),
                rs.getString("npi"),
                rs.getString("practitioner_name"),
                rs.getString("location_name"),
                rs.getString("phone"),
                rs.getString("medical_group"),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getObject("effective_on", LocalDate.class),
                rs.getString("status"),
                rs.getString("decision_note"));
    }
}
