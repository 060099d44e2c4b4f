package org.commonweal.quality.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trend by month on hand-written records, each month's answer read from the measure's CQL with only the data
 * dated up to that month end: a colonoscopy in May (CMS130), the inverse CMS122 with an HbA1c above 9 % in March and
 * 7 % in September, CMS165's most recent blood pressure changing three times, a claim whose lines fall on both sides
 * of a month end. Masks are shown January to December, {@code +} where the numerator holds.
 */
class MonthMasksTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static EcqmEngine engine;

    @BeforeAll
    static void load() {
        engine = PublishedMeasureContent.engine();
    }

    @Test
    void aColonoscopyInMayIsMetFromTheEndOfMay() {
        // CMS130: an office visit in February puts the member in the initial population from then on
        var record = engine.record("M1", LocalDate.of(1965, 6, 1), "F", false);
        claim(record, LocalDate.of(2026, 2, 10), "99213");
        claim(record, LocalDate.of(2026, 5, 31), "45378"); // on the month end itself: counts for May
        assertThat(months("CMS130", record)).isEqualTo("....++++++++");

        var june = engine.record("M2", LocalDate.of(1965, 6, 1), "F", false);
        claim(june, LocalDate.of(2026, 2, 10), "99213");
        claim(june, LocalDate.of(2026, 6, 1), "45378");
        assertThat(months("CMS130", june)).isEqualTo(".....+++++++");
    }

    @Test
    void aClaimAcrossAMonthEndCountsEachLineOnItsOwnDay() {
        // the visit line on 30 January and the colonoscopy line on 2 February, one claim: the claim's encounter
        // (with both codes) is dated 30 January, the colonoscopy's procedure 2 February
        var record = engine.record("M3", LocalDate.of(1960, 1, 1), "M", false);
        record.claim(
                LocalDate.of(2026, 1, 30),
                LocalDate.of(2026, 2, 2),
                new String[] {"99213", "45378"},
                new LocalDate[] {LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 2)},
                new LocalDate[] {LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 2)},
                List.of(),
                List.of());
        assertThat(months("CMS130", record)).isEqualTo(".+++++++++++");
    }

    @Test
    void cms122IsMetWhileTheMostRecentHba1cIsMissingOrAbove9Percent() {
        // the inverse measure: the numerator is poor control. A visit for diabetes in January; no reading until
        // March (missing: met), 9.5 % in March (met), 7 % in September (not met)
        var record = engine.record("D1", LocalDate.of(1970, 3, 1), "M", true);
        claim(record, LocalDate.of(2026, 1, 15), "99213", "E119");
        FhirRecords.add(record, List.of(hba1c("2026-03-10", "9.5"), hba1c("2026-09-22", "7.0")));
        assertThat(months("CMS122", record)).isEqualTo("++++++++....");
    }

    @Test
    void cms165FollowsTheMostRecentBloodPressure() {
        // hypertension on a January visit; 150/95 in April, 128/78 in July, 145/92 in November
        var record = engine.record("H1", LocalDate.of(1962, 8, 1), "F", true);
        claim(record, LocalDate.of(2026, 1, 10), "99213", "I10");
        FhirRecords.add(
                record,
                List.of(
                        bloodPressure("2026-04-15", 150, 95),
                        bloodPressure("2026-07-20", 128, 78),
                        bloodPressure("2026-11-05", 145, 92)));
        assertThat(months("CMS165", record)).isEqualTo("......++++..");
    }

    @Test
    void dataAfterTheLastChangeIsNotEvaluatedAgainAndNoMaskForTheIneligible() {
        // a member out of the initial population (too young for CMS130) has no mask
        var young = engine.record("Y1", LocalDate.of(2000, 1, 1), "F", false);
        claim(young, LocalDate.of(2026, 2, 10), "99213");
        var answer = engine.evaluate("CMS130", young, START, END);
        assertThat(new MonthMasks(engine, young, START, END).mask("CMS130", answer))
                .isNull();
        // the whole record is as of March: April to December are the run's answer (here: not met)
        var early = engine.record("E1", LocalDate.of(1965, 6, 1), "F", false);
        claim(early, LocalDate.of(2026, 3, 3), "99213");
        assertThat(months("CMS130", early)).isEqualTo("............");
        assertThat(early.latestDated()).isEqualTo((int) LocalDate.of(2026, 3, 3).toEpochDay());
    }

    @Test
    void theCutKeepsUndatedEntriesAndDropsLaterOnes() {
        var record = engine.record("C1", LocalDate.of(1970, 3, 1), "M", true);
        // a claim on 15 January with a second line without dates (its Procedure has no performed period)
        record.claim(
                LocalDate.of(2026, 1, 15),
                LocalDate.of(2026, 1, 15),
                new String[] {"99213", "45378"},
                new LocalDate[] {LocalDate.of(2026, 1, 15), null},
                new LocalDate[] {null, null},
                List.of("E119"),
                List.of());
        FhirRecords.add(record, List.of(hba1c("2026-03-10", "9.5")));
        var newYear = record.asOf((int) LocalDate.of(2026, 1, 1).toEpochDay());
        assertThat(newYear.encounters).isZero();
        assertThat(newYear.diagnoses).isZero();
        assertThat(newYear.procedures).as("the undated line").isEqualTo(1);
        var february = record.asOf((int) LocalDate.of(2026, 2, 28).toEpochDay());
        assertThat(february.encounters).isEqualTo(1);
        assertThat(february.diagnoses).isEqualTo(1);
        assertThat(february.procedures).isEqualTo(2);
        assertThat(february.observations).isZero();
        assertThat(record.asOf((int) LocalDate.of(2026, 3, 10).toEpochDay()).observations)
                .isEqualTo(1);
        assertThat(record.changes(ends())).isEqualTo(0b101); // January (the claim) and March (the reading)
    }

    /** The member's mask for the measure, January to December, checked against every month end evaluated alone. */
    static String months(String measureId, MemberRecord record) {
        var answer = engine.evaluate(measureId, record, START, END);
        assertThat(answer.in("denominator"))
                .as("eligible at the end of the period")
                .isTrue();
        Integer mask = new MonthMasks(engine, record, START, END).mask(measureId, answer);
        assertThat(mask).isNotNull();
        var shown = new StringBuilder();
        var ends = ends();
        for (int k = 0; k < ends.length; k++) {
            boolean met = (mask & (1 << k)) != 0;
            shown.append(met ? '+' : '.');
            boolean alone =
                    engine.evaluate(measureId, record.asOf(ends[k]), START, END).in("numerator");
            assertThat(met)
                    .as("%s month %d against its own evaluation", measureId, k + 1)
                    .isEqualTo(alone);
        }
        return shown.toString();
    }

    static int[] ends() {
        return MonthMasks.monthEnds(START, END).stream()
                .mapToInt(d -> (int) d.toEpochDay())
                .toArray();
    }

    static void claim(MemberRecord record, LocalDate day, String cpt, String... diagnoses) {
        record.claim(
                day,
                day,
                new String[] {cpt},
                new LocalDate[] {day},
                new LocalDate[] {day},
                List.of(diagnoses),
                List.of());
    }

    static Observation hba1c(String day, String percent) {
        var o = observation(day, "4548-4");
        o.setValue(new Quantity()
                .setValue(new BigDecimal(percent))
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        return o;
    }

    static Observation bloodPressure(String day, int systolic, int diastolic) {
        var o = observation(day, "85354-9");
        o.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", null)));
        for (var c : List.of(new Object[] {"8480-6", systolic}, new Object[] {"8462-4", diastolic})) {
            o.addComponent()
                    .setCode(new CodeableConcept(new Coding(FhirRecords.LOINC, (String) c[0], null)))
                    .setValue(new Quantity()
                            .setValue((Integer) c[1])
                            .setUnit("mm[Hg]")
                            .setSystem("http://unitsofmeasure.org")
                            .setCode("mm[Hg]"));
        }
        return o;
    }

    static Observation observation(String day, String loinc) {
        var o = new Observation();
        o.setId(loinc + "-" + day);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setSubject(new Reference("Patient/member"));
        o.setCode(new CodeableConcept(new Coding(FhirRecords.LOINC, loinc, null)));
        if (day != null) o.setEffective(new DateTimeType(day));
        return o;
    }
}
