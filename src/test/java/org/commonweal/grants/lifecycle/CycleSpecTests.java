package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;
import org.junit.jupiter.api.Test;

class CycleSpecTests {

    private static final List<Criterion> RUBRIC = List.of(
            new Criterion("1-need", "Need", 5, new BigDecimal("2")),
            new Criterion("2-plan", "Plan", 5, BigDecimal.ONE));

    private static CycleSpec spec(
            String floor, String ceiling, int expected, boolean loi, LocalDate loiOn, List<Criterion> rubric) {
        return new CycleSpec(
                1L,
                "ORAL-2028",
                "Oral Health 2028",
                "Salud bucal 2028",
                "Dental care",
                "Atención dental",
                LocalDate.of(2028, 1, 10),
                LocalDate.of(2028, 3, 1),
                LocalTime.of(17, 0),
                new BigDecimal("1000000"),
                new BigDecimal(floor),
                new BigDecimal(ceiling),
                expected,
                "Non-profits in LA County",
                List.of("Need?", "", "Plan?"),
                loi,
                loiOn,
                LocalTime.of(17, 0),
                rubric);
    }

    @Test
    void acceptsAConsistentCycle() {
        assertThat(spec("25000", "150000", 8, true, LocalDate.of(2028, 2, 1), RUBRIC)
                        .validate(new FieldErrors())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void refusesACeilingBelowTheFloorOnTheCeilingField() {
        var errors = spec("150000", "25000", 4, false, null, RUBRIC).validate(new FieldErrors());
        assertThat(errors.keyOf("awardCeiling")).isEqualTo("grants.field.ceilingBelowFloor");
        assertThat(errors.all()).containsOnlyKeys("awardCeiling");
    }

    @Test
    void refusesMoreAwardsAtTheFloorThanTheEnvelopeHolds() {
        var errors = spec("25000", "150000", 41, false, null, RUBRIC).validate(new FieldErrors());
        assertThat(errors.keyOf("expectedAwards")).isEqualTo("grants.field.awardsExceedEnvelope");
    }

    @Test
    void aLetterOfIntentNeedsADeadlineBeforeTheApplicationDeadline() {
        assertThat(spec("25000", "150000", 8, true, null, RUBRIC)
                        .validate(new FieldErrors())
                        .keyOf("loiClosesOn"))
                .isEqualTo("grants.field.loiDeadline");
        assertThat(spec("25000", "150000", 8, true, LocalDate.of(2028, 3, 1), RUBRIC)
                        .validate(new FieldErrors())
                        .keyOf("loiClosesOn"))
                .isEqualTo("grants.field.loiAfterDeadline");
        assertThat(spec("25000", "150000", 8, false, LocalDate.of(2028, 3, 5), RUBRIC)
                        .validate(new FieldErrors())
                        .isEmpty())
                .isTrue();
    }

    @Test
    void namesTheRubricRowAtFault() {
        var duplicate = List.of(RUBRIC.get(0), new Criterion("1-need", "Again", 5, BigDecimal.ONE));
        var errors = spec("25000", "150000", 8, false, null, duplicate).validate(new FieldErrors());
        assertThat(errors.keyOf("rubric")).isEqualTo("grants.field.rubricDuplicate");
        assertThat(errors.all().get("rubric").args()).containsExactly(2, "1-need");
        var zeroWeight = List.of(new Criterion("1-need", "Need", 5, BigDecimal.ZERO));
        assertThat(spec("25000", "150000", 8, false, null, zeroWeight)
                        .validate(new FieldErrors())
                        .keyOf("rubric"))
                .isEqualTo("grants.field.rubricWeight");
        assertThat(spec("25000", "150000", 8, false, null, List.of())
                        .validate(new FieldErrors())
                        .keyOf("rubric"))
                .isEqualTo("grants.field.rubricEmpty");
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        var empty = new CycleSpec(
                null,
                "",
                "",
                "",
                "",
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "",
                List.of(""),
                false,
                null,
                null,
                RUBRIC);
        assertThat(empty.validate(new FieldErrors()).all())
                .containsKeys(
                        "programId",
                        "code",
                        "title",
                        "titleEs",
                        "summary",
                        "summaryEs",
                        "eligibility",
                        "opensOn",
                        "closesOn",
                        "envelope",
                        "awardFloor",
                        "awardCeiling",
                        "expectedAwards",
                        "questions");
    }

    @Test
    void programCodesAreCapitalsAndTheFirstYearIsBounded() {
        var bad = new ProgramSpec("oral health", "Oral", "Bucal", "Access", "L.A. Care", new BigDecimal("-1"), 1999);
        var errors = bad.validate(new FieldErrors(), 2027);
        assertThat(errors.keyOf("code")).isEqualTo("grants.field.code");
        assertThat(errors.keyOf("envelope")).isEqualTo("grants.field.notNegative");
        assertThat(errors.keyOf("sinceYear")).isEqualTo("grants.field.year");
        var good = new ProgramSpec("ORAL", "Oral", "Bucal", "Access", "L.A. Care", new BigDecimal("12000000"), 2003);
        assertThat(good.validate(new FieldErrors(), 2027).isEmpty()).isTrue();
    }
}
