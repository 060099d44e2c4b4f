package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The REST eligibility answer, in one place for both ways a request reaches it: the Spring MVC controller
 * ({@link EligibilityApiController}) and the lean path ({@link LeanEligibilityFilter}). What is asked, what is
 * answered and the audit (inside {@link Coverage#eligibility(List, String)}) are decided here and nowhere else.
 */
final class EligibilityAnswers {

    static final String PURPOSE = "eligibility inquiry (REST)";

    private EligibilityAnswers() {}

    /** The answer; no address, no phone, nothing a provider does not need to check coverage. */
    record EligibilityAnswer(
            String memberId,
            String cin,
            String firstName,
            String lastName,
            LocalDate birthDate,
            LocalDate date,
            String status,
            ProductLineRef productLine,
            String plan,
            List<String> aidCodes,
            LocalDate spanBegin,
            LocalDate spanEnd,
            Pcp pcp) {}

    record ProductLineRef(String code, String name) {}

    record Pcp(String npi, String name, String location) {}

    /** True when the request names a member (by plan member id or CIN); otherwise the answer is a 400. */
    static boolean namesAMember(String memberId, String cin) {
        return memberId != null && !memberId.isBlank() || cin != null && !cin.isBlank();
    }

    /** 200 with the answer, 400 when no member is named, 404 when there is no such member (problem details). */
    static ResponseEntity<?> answer(Coverage coverage, String memberId, String cin, LocalDate date) {
        boolean byId = memberId != null && !memberId.isBlank();
        if (!namesAMember(memberId, cin)) {
            return ResponseEntity.badRequest()
                    .body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "give memberId or cin"));
        }
        EligibilityInquiry inquiry =
                byId ? new EligibilityInquiry(memberId.trim(), date) : EligibilityInquiry.byCin(cin.trim(), date);
        Optional<Eligibility> found =
                coverage.eligibility(List.of(inquiry), PURPOSE).get(0);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND, "no member with that " + (byId ? "memberId" : "cin")));
        }
        Eligibility e = found.get();
        var m = e.member();
        var s = e.span();
        return ResponseEntity.ok(new EligibilityAnswer(
                m.memberId(),
                m.cin(),
                m.firstName(),
                m.lastName(),
                m.birthDate(),
                e.date(),
                e.active() ? "active" : "inactive",
                e.productLine() == null
                        ? null
                        : new ProductLineRef(
                                e.productLine().code(), e.productLine().name()),
                s == null ? null : s.planCode(),
                s == null ? null : s.aidCodes(),
                s == null ? null : s.begin(),
                s == null ? null : s.end(),
                s == null || s.pcpNpi() == null ? null : new Pcp(s.pcpNpi(), s.pcpName(), s.pcpLocation())));
    }
}
