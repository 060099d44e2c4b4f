package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
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
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Service;

@Service
class JdbcCoverage implements Coverage {

    private final Members members;
    private final AuditTrail audit;
    private final ZoneId zone;
    private volatile Map<String, ProductLine> productLines;

    JdbcCoverage(Members members, AuditTrail audit, PlanIdentity plan) {
        this.members = members;
        this.audit = audit;
        this.zone = plan.timeZone();
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
        return eligibility(List.of(new EligibilityInquiry(memberId, date)), purpose)
                .get(0);
    }

    /** The one path: one query for all inquiries, one "today", one audit statement for every member found. */
    @Override
    public List<Optional<Eligibility>> eligibility(List<EligibilityInquiry> inquiries, String purpose) {
        int n = inquiries.size();
        String[] ids = new String[n];
        String[] cins = new String[n];
        LocalDate[] dates = new LocalDate[n];
        LocalDate today = null;
        for (int i = 0; i < n; i++) {
            EligibilityInquiry q = inquiries.get(i);
            ids[i] = q.memberId();
            cins[i] = q.memberId() == null ? q.cin() : null;
            if (q.date() == null && today == null) {
                today = today();
            }
            dates[i] = q.date() == null ? today : q.date();
        }
        Members.MemberOnDate[] found = members.onDates(ids, cins, dates);
        List<AuditEntry> reads = new ArrayList<>();
        List<Optional<Eligibility>> answers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Members.MemberOnDate m = found[i];
            if (m == null) {
                answers.add(Optional.empty());
                continue;
            }
            String memberId = m.member().memberId();
            reads.add(AuditEntry.read("eligibility", memberId, memberId, purpose));
            EnrollmentSpan span = m.span();
            answers.add(Optional.of(new Eligibility(
                    m.member().summary(), dates[i], span, span == null ? null : productLine(span.productLine()))));
        }
        audit.recordAll(reads);
        return answers;
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    @Override
    public List<String> memberIdsByNameAndBirthDate(String lastName, String firstName, LocalDate birthDate, int limit) {
        return members.idsByNameKey(org.commonweal.coverage.x12.NameKey.of(lastName, firstName), birthDate, limit);
    }

    @Override
    public List<EnrollmentSpan> spans(String memberId, String purpose) {
        audit.record(AuditEntry.read("enrollment-span", memberId, memberId, purpose));
        return members.spans(memberId);
    }

    @Override
    public java.util.Map<String, List<EnrollmentSpan>> spans(java.util.Collection<String> memberIds, String purpose) {
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "enrollment-span",
                null,
                null,
                purpose,
                "enrollment spans of " + memberIds.size() + " members"));
        return members.spans(memberIds);
    }

    @Override
    public void forEachActiveMember(LocalDate date, String purpose, Consumer<MemberResidence> consumer) {
        audit.record(new AuditEntry(
                AuditAction.EXPORT, "member", null, null, purpose, "residences of members active on " + date));
        members.forEachActive(date, consumer);
    }

    @Override
    public void forEachActiveMemberSpan(
            LocalDate date, String purpose, BiConsumer<MemberResidence, EnrollmentSpan> consumer) {
        audit.record(new AuditEntry(
                AuditAction.EXPORT,
                "member",
                null,
                null,
                purpose,
                "residences and enrollment spans (PCP) of members active on " + date));
        members.forEachActive(date, true, consumer);
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
            lines = members.productLines().stream()
                    .collect(Collectors.toMap(
                            ProductLine::code, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
            productLines = lines;
        }
        return lines;
    }
}
