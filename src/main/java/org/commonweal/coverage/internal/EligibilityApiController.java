package org.commonweal.coverage.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.commonweal.coverage.Coverage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Eligibility", description = "Is this person covered on this date?")
class EligibilityApiController {

    private final Coverage coverage;

    EligibilityApiController(Coverage coverage) {
        this.coverage = coverage;
    }

    /**
     * The answer of {@link EligibilityAnswers}. Well-formed GET requests usually reach it through the lean path
     * ({@link LeanEligibilityFilter}) instead, which answers the same without the MVC machinery; the rest (a date
     * that cannot be read, no member named, another media type) come here.
     */
    @GetMapping(value = "/api/v1/eligibility", produces = "application/json")
    @Operation(
            summary = "Eligibility of a member on a date",
            description =
                    "By plan member id or Medi-Cal CIN; the date defaults to today in the plan's time zone. Every answer "
                            + "is audited as a read of the member.",
            security = @SecurityRequirement(name = "bearer"),
            responses = {
                @ApiResponse(responseCode = "200", description = "active or inactive on the date"),
                @ApiResponse(responseCode = "400", description = "neither memberId nor cin"),
                @ApiResponse(responseCode = "401", description = "no or revoked API client token"),
                @ApiResponse(responseCode = "404", description = "no such member")
            })
    ResponseEntity<?> eligibility(
            @Parameter(description = "plan member id") @RequestParam(required = false) String memberId,
            @Parameter(description = "Medi-Cal Client Index Number") @RequestParam(required = false) String cin,
            @Parameter(description = "YYYY-MM-DD")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    LocalDate date) {
        return EligibilityAnswers.answer(coverage, memberId, cin, date);
    }
}
