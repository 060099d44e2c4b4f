package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Eligibility", description = "Is this person covered on this date?")
class EligibilityApiController {

    private static final String PURPOSE = "eligibility inquiry (REST)";

    private final Coverage coverage;

    EligibilityApiController(Coverage coverage) {
        this.coverage = coverage;
    }

    /** The answer; no address, no phone, nothing a provider does not need to check coverage. */
    record EligibilityAnswer(String memberId, String cin, String firstName, String lastName, LocalDate birthDate,
            LocalDate date, String status, ProductLineRef productLine, String plan, List<String> aidCodes,
            LocalDate spanBegin, LocalDate spanEnd, Pcp pcp) {
    }

    record ProductLineRef(String code, String name) {
    }

    record Pcp(String npi, String name, String location) {
    }

    @GetMapping(value = "/api/v1/eligibility", produces = "application/json")
    @Operation(summary = "Eligibility of a member on a date",
            description = "By plan member id or Medi-Cal CIN; the date defaults to today in the plan's time zone. Every answer "
                    + "is audited as a read of the member.",
            security = @SecurityRequirement(name = "bearer"),
            responses = {@ApiResponse(responseCode = "200", description = "active or inactive on the date"),
                    @ApiResponse(responseCode = "400", description = "neither memberId nor cin"),
                    @ApiResponse(responseCode = "401", description = "no or revoked API client token"),
                    @ApiResponse(responseCode = "404", description = "no such member")})
    ResponseEntity<?> eligibility(
            @Parameter(description = "plan member id") @RequestParam(required = false) String memberId,
            @Parameter(description = "Medi-Cal Client Index Number") @RequestParam(required = false) String cin,
            @Parameter(description = "YYYY-MM-DD") @RequestParam(required = false)
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        boolean byId = memberId != null && !memberId.isBlank();
        if (!byId && (cin == null || cin.isBlank())) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "give memberId or cin"));
        }
        EligibilityInquiry inquiry = byId ? new EligibilityInquiry(memberId.trim(), date)
                : EligibilityInquiry.byCin(cin.trim(), date);
        Optional<Eligibility> found = coverage.eligibility(List.of(inquiry), PURPOSE).get(0);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_FOUND, "no member with that " + (byId ? "memberId" : "cin")));
        }
        Eligibility e = found.get();
        var m = e.member();
        var s = e.span();
        return ResponseEntity.ok(new EligibilityAnswer(m.memberId(), m.cin(), m.firstName(), m.lastName(),
                m.birthDate(), e.date(), e.active() ? "active" : "inactive",
                e.productLine() == null ? null : new ProductLineRef(e.productLine().code(), e.productLine().name()),
                s == null ? null : s.planCode(), s == null ? null : s.aidCodes(), s == null ? null : s.begin(),
                s == null ? null : s.end(),
                s == null || s.pcpNpi() == null ? null : new Pcp(s.pcpNpi(), s.pcpName(), s.pcpLocation())));
    }
}
