package org.commonweal.quality.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.MeasurePopulations;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.Timing;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edges of the clinical data our engine reads ({@link FhirRecords}), each case answered by the CQL reference engine
 * running the measure's own ELM on the same resources, and ours held to its answer:
 *
 * <ul>
 *   <li>CumulativeMedicationDuration's {@code medicationRequestPeriod()} when its doses per day are 0 or absent
 *       ({@code Coalesce(ToDaily(frequency, period), Count(timing.repeat.timeOfDay), 1.0)}: a frequency of 0 gives 0,
 *       no frequency and no times of day give Count = 0, not 1.0; a quantity divided by 0 doses is null, so the period
 *       falls back to the dosage bounds' end or is null), through CMS125's dementia-medication exclusion (a woman of
 *       68, frail, on a dementia medication whose period may or may not reach 2025);
 *   <li>a laboratory result with a time and a non-UTC offset at the period's end (CMS122's most recent HbA1c):
 *       2026-12-31T23:30:00-08:00 is 2027-01-01 in UTC, 2027-01-01T01:00:00+09:00 is 2026-12-31 in UTC.
 * </ul>
 */
class FhirRecordsEdgeTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static EcqmEngine engine;

    @BeforeAll
    static void load() {
        engine = PublishedMeasureContent.engine();
    }

    // ----------------------------------------------------------------------------------- medicationRequestPeriod

    @Test
    void aFrequencyOfZeroFallsBackToTheDosageBoundsEnd() {
        // 30 tablets at 0 doses a day: no days supplied; the bounds (to 1 February 2025) give the period
        var both = cms125(m -> {
            var dosage = dosage(m, 1);
            dosage.getTiming().getRepeat().setFrequency(0).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
            dosage.getTiming().getRepeat().setBounds(period("2024-11-01", "2025-02-01"));
            m.getDispenseRequest().setQuantity(quantity(30));
        });
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
        assertThat(FhirRecords.requestPeriod(last)).containsExactly(day("2024-11-01"), day("2025-02-01"));
    }

    @Test
    void noFrequencyAndNoTimesOfDayIsZeroDosesADay() {
        // 90 tablets from 1 November 2024: at 1 a day they would last into 2025, but Count of no times of day is 0
        var both = cms125(m -> {
            dosage(m, 1);
            m.getDispenseRequest().setQuantity(quantity(90));
        });
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    @Test
    void noTimingRepeatAtAllIsZeroDosesADay() {
        var both = cms125(m -> {
            m.addDosageInstruction().addDoseAndRate().setDose(quantity(1));
            m.getDispenseRequest().setQuantity(quantity(90));
        });
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    @Test
    void timesOfDayCountAsDosesWhenThereIsNoFrequency() {
        // twice a day: 90 tablets last 45 days, to 15 December 2024, before the look-back starts
        var both = cms125(m -> {
            var dosage = dosage(m, 1);
            dosage.getTiming().getRepeat().addTimeOfDay("08:00:00").addTimeOfDay("20:00:00");
            m.getDispenseRequest().setQuantity(quantity(90));
        });
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
        assertThat(FhirRecords.requestPeriod(last)).containsExactly(day("2024-11-01"), day("2024-12-15"));
    }

    @Test
    void onceADayReachesTheLookBack() {
        var both = cms125(m -> {
            var dosage = dosage(m, 1);
            dosage.getTiming().getRepeat().setFrequency(1).setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D);
            m.getDispenseRequest().setQuantity(quantity(90));
        });
        assertThat(both.get(0).in("denominator-exclusion"))
                .as("the reference engine excludes her")
                .isTrue();
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    // -------------------------------------------------------------------------------------------- time zones

    @Test
    void aResultLateOnTheLastEveningInCaliforniaIsJudgedAsTheReferenceEngineJudgesIt() {
        // HbA1c 7 % in June, 10 % at 23:30 Pacific on 31 December (07:30 UTC on 1 January 2027): if the late one
        // is in the period it is the most recent, and glycemic status > 9 % (the numerator) is met
        var both = cms122("2026-12-31T23:30:00-08:00");
        assertThat(both.get(0).in("denominator")).isTrue();
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    @Test
    void aResultEarlyOnNewYearsDayInTokyoIsJudgedAsTheReferenceEngineJudgesIt() {
        // 01:00 in Tokyo on 1 January 2027 is 16:00 UTC on 31 December 2026
        var both = cms122("2027-01-01T01:00:00+09:00");
        assertThat(both.get(0).in("denominator")).isTrue();
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    @Test
    void aResultOnTheLastEveningInUtcCounts() {
        var both = cms122("2026-12-31T23:30:00Z");
        assertThat(both.get(0).in("numerator"))
                .as("the reference engine: in the period")
                .isTrue();
        assertThat(in(both.get(1))).isEqualTo(in(both.get(0)));
    }

    // ---------------------------------------------------------------------------------------------- the cases

    static MedicationRequest last;

    /** {reference, ours} for CMS125 on a frail woman of 68 with one dementia medication order changed by the case. */
    static List<MeasurePopulations> cms125(Consumer<MedicationRequest> change) {
        var resources = patient("W125", "1958-05-01", AdministrativeGender.FEMALE);
        resources.add(visit("W125"));
        var frailty = new Condition();
        frailty.setId("frail");
        frailty.setSubject(new Reference("Patient/W125"));
        frailty.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null)));
        frailty.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        frailty.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        frailty.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "L89.000", null)));
        frailty.setOnset(new DateTimeType("2026-02-01"));
        frailty.setAbatement(new DateTimeType("2026-02-01"));
        resources.add(frailty);
        var m = new MedicationRequest();
        m.setId("dementia");
        m.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        m.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        m.setSubject(new Reference("Patient/W125"));
        m.setMedication(
                new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "1100184", null)));
        m.setAuthoredOnElement(new DateTimeType("2024-11-01"));
        change.accept(m);
        last = m;
        resources.add(m);
        return both("CMS125", "W125", resources);
    }

    /** {reference, ours} for CMS122 on a diabetic of 60: HbA1c 7 % on 1 June, 10 % at {@code lateResult}. */
    static List<MeasurePopulations> cms122(String lateResult) {
        var resources = patient("D122", "1966-05-01", AdministrativeGender.MALE);
        resources.add(visit("D122"));
        var diabetes = new Condition();
        diabetes.setId("diabetes");
        diabetes.setSubject(new Reference("Patient/D122"));
        diabetes.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", null)));
        diabetes.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        diabetes.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
        diabetes.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "E11.9", null)));
        diabetes.setOnset(new DateTimeType("2020-01-01"));
        resources.add(diabetes);
        resources.add(hba1c("a1c-june", "2026-06-01", 7.0));
        resources.add(hba1c("a1c-late", lateResult, 10.0));
        return both("CMS122", "D122", resources);
    }

    static List<MeasurePopulations> both(String measureId, String subject, List<Resource> resources) {
        var reference = new CqlMeasureEvaluator(PublishedMeasureContent.measure(measureId))
                .evaluate(subject, resources, START, END);
        var ours = engine.evaluate(measureId, engine.record(subject, resources), START, END);
        return List.of(reference, ours);
    }

    /** The populations the member is in, of the four both engines answer. */
    static List<String> in(MeasurePopulations p) {
        return java.util.stream.Stream.of("initial-population", "denominator", "denominator-exclusion", "numerator")
                .filter(p::in)
                .toList();
    }

    static List<Resource> patient(String id, String born, AdministrativeGender gender) {
        var patient = new Patient();
        patient.setId(id);
        patient.setGender(gender);
        patient.addExtension(
                "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex",
                new CodeType(gender == AdministrativeGender.FEMALE ? "248152002" : "248153007"));
        patient.setBirthDateElement(new DateType(born));
        var resources = new ArrayList<Resource>();
        resources.add(patient);
        return resources;
    }

    static Encounter visit(String subject) {
        var e = new Encounter();
        e.setId("visit");
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        e.setSubject(new Reference("Patient/" + subject));
        e.addType(new CodeableConcept(new Coding("http://www.ama-assn.org/go/cpt", "99213", null)));
        e.setPeriod(period("2026-03-02", "2026-03-02"));
        return e;
    }

    static Observation hba1c(String id, String when, double percent) {
        var o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
        o.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", null)));
        o.setSubject(new Reference("Patient/D122"));
        o.setEffective(new DateTimeType(when));
        o.setValue(new Quantity()
                .setValue(BigDecimal.valueOf(percent))
                .setUnit("%")
                .setSystem("http://unitsofmeasure.org")
                .setCode("%"));
        return o;
    }

    static Dosage dosage(MedicationRequest m, int dose) {
        var dosage = m.addDosageInstruction();
        dosage.addDoseAndRate().setDose(quantity(dose));
        dosage.getTiming().getRepeat();
        return dosage;
    }

    static SimpleQuantity quantity(double value) {
        var q = new SimpleQuantity();
        q.setValue(BigDecimal.valueOf(value));
        return q;
    }

    static Period period(String start, String end) {
        return new Period().setStartElement(new DateTimeType(start)).setEndElement(new DateTimeType(end));
    }

    static int day(String date) {
        return (int) LocalDate.parse(date).toEpochDay();
    }
}
