package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.coverage.ProductLine;
import org.springframework.stereotype.Service;

@Service
class JdbcCoverage implements Coverage {

    private final Members members;
    private final AuditTrail audit;
    private volatile Map<String, ProductLine> productLines;

    JdbcCoverage(Members members, AuditTrail audit) {
        this.members = members;
        this.audit = audit;
    }

    @Override
    public Optional<MemberSummary> findMember(String memberId, String purpose) {
        Optional<MemberRecord> member = members.byId(memberId);
        member.ifPresent(m -> audit.record(AuditEntry.read("member", m.memberId(), m.memberId(), purpose)));
        return member.map(MemberRecord::summary);
    }

    @Override
    public Optional<MemberSummary> findMemberByCin(String cin, String purpose) {
        Optional<MemberRecord> member = members.byCin(cin);
        member.ifPresent(m -> audit.record(AuditEntry.read("member", m.memberId(), m.memberId(), purpose)));
        return member.map(MemberRecord::summary);
    }

    @Override
    public Optional<Eligibility> eligibility(String memberId, LocalDate date, String purpose) {
        return members.byId(memberId).map(m -> eligibilityOf(m, date, purpose));
    }

    Eligibility eligibilityOf(MemberRecord member, LocalDate date, String purpose) {
        EnrollmentSpan span = members.coveringSpan(member.memberId(), date).orElse(null);
        audit.record(AuditEntry.read("eligibility", member.memberId(), member.memberId(), purpose));
        return new Eligibility(member.summary(), date, span, span == null ? null : productLine(span.productLine()));
    }

    @Override
    public List<EnrollmentSpan> spans(String memberId, String purpose) {
        audit.record(AuditEntry.read("enrollment-span", memberId, memberId, purpose));
        return members.spans(memberId);
    }

    @Override
    public void forEachActiveMember(LocalDate date, String purpose, Consumer<MemberResidence> consumer) {
        audit.record(new AuditEntry(AuditAction.EXPORT, "member", null, null, purpose,
                "residences of members active on " + date));
        members.forEachActive(date, consumer);
    }

    @Override
    public long countActiveMembers(LocalDate date) {
        return members.countActive(date);
    }

    @Override
    public List<ProductLine> productLines() {
        return List.copyOf(lines().values());
    }

    ProductLine productLine(String code) {
        return lines().get(code);
    }

    private Map<String, ProductLine> lines() {
        Map<String, ProductLine> lines = productLines;
        if (lines == null) {
            lines = members.productLines().stream().collect(Collectors.toMap(ProductLine::code, Function.identity(),
                    (a, b) -> a, java.util.LinkedHashMap::new));
            productLines = lines;
        }
        return lines;
    }
}
