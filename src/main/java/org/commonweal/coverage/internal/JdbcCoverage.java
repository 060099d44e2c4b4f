package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.util.ArrayList;
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
import org.commonweal.coverage.EligibilityInquiry;
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
        return members.onDateById(memberId, date).map(m -> audited(m, date, purpose));
    }

    /** By member id or CIN, member and covering span in one query, audited. */
    Optional<Eligibility> eligibility(String memberId, String cin, LocalDate date, String purpose) {
        return (memberId != null ? members.onDateById(memberId, date) : members.onDateByCin(cin, date))
                .map(m -> audited(m, date, purpose));
    }

    @Override
    public List<Optional<Eligibility>> eligibility(List<EligibilityInquiry> inquiries, String purpose) {
        String[] ids = new String[inquiries.size()];
        LocalDate[] dates = new LocalDate[inquiries.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = inquiries.get(i).memberId();
            dates[i] = inquiries.get(i).date();
        }
        Members.MemberOnDate[] found = members.onDates(ids, dates);
        List<AuditEntry> reads = new ArrayList<>();
        List<Optional<Eligibility>> answers = new ArrayList<>(found.length);
        for (int i = 0; i < found.length; i++) {
            Members.MemberOnDate m = found[i];
            if (m == null) {
                answers.add(Optional.empty());
            } else {
                reads.add(AuditEntry.read("eligibility", m.member().memberId(), m.member().memberId(), purpose));
                answers.add(Optional.of(eligibility(m, dates[i])));
            }
        }
        audit.recordAll(reads);
        return answers;
    }

    private Eligibility audited(Members.MemberOnDate m, LocalDate date, String purpose) {
        audit.record(AuditEntry.read("eligibility", m.member().memberId(), m.member().memberId(), purpose));
        return eligibility(m, date);
    }

    private Eligibility eligibility(Members.MemberOnDate m, LocalDate date) {
        EnrollmentSpan span = m.span();
        return new Eligibility(m.member().summary(), date, span, span == null ? null : productLine(span.productLine()));
    }

    Eligibility eligibilityOf(MemberRecord member, LocalDate date, String purpose) {
        EnrollmentSpan span = members.coveringSpan(member.memberId(), date).orElse(null);
        audit.record(AuditEntry.read("eligibility", member.memberId(), member.memberId(), purpose));
        return new Eligibility(member.summary(), date, span, span == null ? null : productLine(span.productLine()));
    }

    @Override
    public List<String> memberIdsByNameAndBirthDate(String lastName, String firstName, LocalDate birthDate,
            int limit) {
        return members.idsByNameKey(org.commonweal.coverage.x12.NameKey.of(lastName, firstName), birthDate, limit);
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
