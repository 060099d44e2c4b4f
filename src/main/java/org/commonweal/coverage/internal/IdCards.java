package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.PcpDirectory;
import org.commonweal.platform.PlanIdentity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Builds a member's ID card from coverage, the product line's card configuration and the directory's PCP. */
@Service
class IdCards {

    private final Members members;
    private final JdbcCoverage coverage;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ObjectProvider<PcpDirectory> pcpDirectory;
    private final ZoneId zone;
    private final String planName;

    IdCards(
            Members members,
            JdbcCoverage coverage,
            JdbcClient jdbc,
            AuditTrail audit,
            ObjectProvider<PcpDirectory> pcpDirectory,
            PlanIdentity plan) {
        this.members = members;
        this.coverage = coverage;
        this.jdbc = jdbc;
        this.audit = audit;
        this.pcpDirectory = pcpDirectory;
        this.zone = plan.timeZone();
        this.planName = plan.name();
    }

    /** The member's card today; the read is audited with {@code purpose}. */
    IdCard card(MemberRecord member, String purpose) {
        audit.record(AuditEntry.read("member", member.memberId(), member.memberId(), purpose));
        EnrollmentSpan span =
                members.coveringSpan(member.memberId(), LocalDate.now(zone)).orElse(null);
        if (span == null) {
            return new IdCard(member, null, null, planName, null, IdCard.CardNumbers.NONE, null);
        }
        var line = coverage.productLine(span.productLine());
        String productName = jdbc.sql("select name from coverage.plan where plan_code = ?")
                .param(span.planCode())
                .query(String.class)
                .optional()
                .orElse(line == null ? null : line.name());
        var numbers = jdbc.sql("""
                select rx_bin, rx_pcn, rx_group, rx_phone, behavioral_phone, transport_phone, tty_phone
                from coverage.product_line where code = ?""")
                .param(span.productLine())
                .query((rs, n) -> new IdCard.CardNumbers(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional()
                .orElse(IdCard.CardNumbers.NONE);
        var directory = pcpDirectory.getIfAvailable();
        var pcp = directory == null || span.pcpNpi() == null
                ? null
                : directory.contact(span.pcpNpi()).orElse(null);
        return new IdCard(member, span, line, planName, productName, numbers, pcp);
    }
}
