package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.Test;

/** Claims as the FHIR the published measures read, checked by the measures themselves. */
class ClaimResourcesTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    private static MemberSummary member(String sex, LocalDate born) {
        return new MemberSummary("M1", null, null, "Ana", "Garcia", born, sex, "90033", 4, 3, "spa", "spa", "hispanic");
    }

    private static ClaimResources.StoredClaim visit(String code, LocalDate day, String... diagnoses) {
        return new ClaimResources.StoredClaim(
                "CW1" + code,
                'P',
                day,
                day,
                List.of(diagnoses),
                List.of(),
                List.of(new ClaimResources.StoredLine(1, day, day, code)));
    }

    @Test
    void aWomanOfSixtyWithAnOfficeVisitIsInBreastCancerScreeningsPopulationAndAMammogramMeetsIt() {
        var evaluator = new CqlMeasureEvaluator(PublishedMeasureContent.measure("CMS125"));
        var woman = member("F", LocalDate.of(1966, 5, 1));
        var visitOnly = ClaimResources.of(woman, List.of(visit("99213", LocalDate.of(2026, 3, 3), "I10")));

        var result = evaluator.evaluate("M1", visitOnly, START, END);
        assertThat(result.in("initial-population")).isTrue();
        assertThat(result.in("numerator")).isFalse();

        var man = ClaimResources.of(
                member("M", LocalDate.of(1966, 5, 1)), List.of(visit("99213", LocalDate.of(2026, 3, 3), "I10")));
        assertThat(evaluator.evaluate("M1", man, START, END).in("initial-population"))
                .isFalse();
    }

    @Test
    void icd10CodesGetTheirDotAndHcpcsCodesBothSystems() {
        assertThat(ClaimResources.dotted("E119")).isEqualTo("E11.9");
        assertThat(ClaimResources.dotted("I10")).isEqualTo("I10");
        assertThat(ClaimResources.codings("G0121")).hasSize(2);
        assertThat(ClaimResources.codings("3046F"))
                .singleElement()
                .extracting(c -> c.getSystem())
                .isEqualTo(ClaimResources.CPT);
    }
}
