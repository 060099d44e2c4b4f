package org.commonweal.quality.claims;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * The screenings, chronic care and childhood vaccines of one synthetic member, in the sources each measure reads
 * them from (codes from the published value sets in {@code ../shared/quality}, rates and their sources in {@code
 * docs/quality.md}, "Synthetic data"):
 *
 * <ul>
 *   <li>claims: a chronic-care office visit (99213 or 99214, "Office Visit") in the first half of the year with I10
 *       ("Essential Hypertension") or E11.9 ("Diabetes") for members with those conditions, a well-child visit
 *       (99392) for children under 3, and colonoscopies (45378, "Colonoscopy") in the ten years CMS130 looks back;
 *   <li>the lab CSV layout: cervical cytology (10524-7, "Pap Test") and HPV co-tests (30167-1, "HPV Test"), fecal
 *       immunochemical tests (2335-8, "Fecal Occult Blood Test (FOBT)"), HbA1c results (4548-4, "HbA1c Laboratory
 *       Test");
 *   <li>the immunization registry CSV layout: the CDC schedule to the second birthday in CVX codes of CMS117's value
 *       sets, for the children 2 years old at the year's end (each year's doses are also billed, in CPT codes of its
 *       "… Administered" value sets);
 *   <li>FHIR R4 NDJSON (a Patient naming the member id, then the member's Observations): screening mammograms
 *       (24606-6, "Mammography", category imaging) and blood pressure panels (85354-9 with 8480-6 and 8462-4 in
 *       mm[Hg], category vital-signs) taken at the chronic-care visits.
 * </ul>
 *
 * Every date is on or before {@code lastDay} (the period's end, or today when the period has not ended).
 */
final class SyntheticCare {

    /** Women 42–74 with a screening mammogram in the 27 months CMS125 looks at. */
    static final double BREAST = 0.53;
    /** Women 24–64 with cervical cytology in 3 years (or HPV in 5 from 30). */
    static final double CERVICAL = 0.56;
    /** People 46–75 with a colonoscopy in 10 years or a FIT in the year; of those, by colonoscopy. */
    static final double COLORECTAL = 0.40;

    static final double BY_COLONOSCOPY = 0.6;
    /** People with hypertension with a blood pressure recorded in the year, and of those controlled (< 140/90). */
    static final double BP_RECORDED = 0.92;

    static final double BP_CONTROLLED = 0.62;
    /** People with diabetes with an HbA1c result in the year, and of those above 9 %. */
    static final double HBA1C_TESTED = 0.88;

    static final double HBA1C_ABOVE_9 = 0.30;
    /** Children with every vaccine of CMS117's combination by their second birthday. */
    static final double CIS_COMPLETE = 0.30;

    static final String LAB_HEADER = SexualHealth.LAB_HEADER;
    static final String IMMUNIZATION_HEADER = "member_id,cin,cvx,given_on,lot,performing_org\n";
    static final String LAB = "Synthetic Reference Lab";
    static final String REGISTRY = "Synthetic Immunization Registry";
    private static final String LOINC = "http://loinc.org";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    /** One claim of the member's care: its day, lines' codes and diagnoses. */
    record Visit(LocalDate day, List<String> codes, List<String> diagnoses) {}

    /** The member's chronic conditions, the same for their office visits and their care. */
    record Conditions(boolean hypertension, boolean diabetes) {}

    /**
     * A vaccine series: CVX code, the days after birth of each dose by the CDC schedule, and the dose a child who
     * misses this series goes without (the last).
     */
    private record Series(String cvx, String cpt, int... days) {}

    /** CVX codes from CMS117's vaccine value sets, CPT codes from its "… Administered" value sets. */
    private static final List<Series> SCHEDULE = List.of(
            new Series("08", "90744", 0, 45, 190), // hepatitis B: birth, 6 weeks, 6 months
            new Series("20", "90700", 62, 124, 186, 470), // DTaP: 2, 4, 6, 15 months
            new Series("10", "90713", 62, 124, 200), // IPV
            new Series("49", "90647", 62, 124, 380), // Hib PRP-OMP, 3-dose schedule
            new Series("133", "90670", 62, 124, 186, 380), // PCV13
            new Series("116", "90680", 62, 124, 186), // rotavirus, pentavalent (3-dose schedule)
            new Series("150", "90686", 190, 225), // influenza, two doses in the first season
            new Series("03", "90707", 380), // MMR at 12 months
            new Series("21", "90716", 380), // varicella
            new Series("83", "90633", 400)); // hepatitis A, first dose

    private final Random random;
    private final long seed;
    private final int year;
    private final LocalDate lastDay;
    private final LocalDate asOf;

    SyntheticCare(Random random, long seed, int year, LocalDate lastDay) {
        this.random = random;
        this.seed = seed;
        this.year = year;
        this.lastDay = lastDay;
        this.asOf = LocalDate.of(year, 12, 31);
    }

    /**
     * The member's chronic conditions by age (hypertension about 8 % at 18–44, 30 % at 45–64, 55 % from 65; diabetes 5,
     * 15 and 22 %), drawn from the member's own seed, so their office visits and their care agree in any file.
     */
    static Conditions conditions(long seed, SyntheticClaims.Member member, LocalDate asOf) {
        int age = age(member, asOf);
        if (age < 18) return new Conditions(false, false);
        var own = new Random(seed * 1_000_003L + member.memberId().hashCode());
        double hypertension = age < 45 ? 0.08 : age < 65 ? 0.30 : 0.55;
        double diabetes = age < 45 ? 0.05 : age < 65 ? 0.15 : 0.22;
        return new Conditions(own.nextDouble() < hypertension, own.nextDouble() < diabetes);
    }

    static int age(SyntheticClaims.Member member, LocalDate asOf) {
        return member.birthDate() == null
                ? 40
                : Period.between(member.birthDate(), asOf).getYears();
    }

    /** Where the clinical data goes: the lab CSV, the immunization CSV and the FHIR NDJSON (each may be null). */
    record Sinks(Writer labs, Writer immunizations, Writer fhir) {

        static final Sinks NONE = new Sinks(null, null, null);
    }

    /** What the member's care wrote to the sinks, and the claims to write for it. */
    record Care(List<Visit> visits, int labLines, int immunizationLines, int fhirResources) {}

    /** Decides the member's care, writes its clinical data to {@code sinks}, returns its claims. */
    Care care(SyntheticClaims.Member member, Sinks sinks) throws IOException {
        int age = age(member, asOf);
        boolean female = "F".equals(member.sex());
        var visits = new ArrayList<Visit>();
        var labs = new StringBuilder();
        var immunizations = new StringBuilder();
        var observations = new ArrayList<Observation>();
        var start = LocalDate.of(year, 1, 1);
        var conditions = conditions(seed, member, asOf);
        LocalDate latest = null; // the member's latest result so far
        LocalDate chronicVisit = null;
        if (conditions.hypertension() || conditions.diabetes()) {
            // the chronic-care visit in the first half of the year (CMS165 wants the diagnosis by 30 June)
            var june = LocalDate.of(year, 6, 30);
            chronicVisit = between(start, june.isBefore(lastDay) ? june : lastDay);
            var diagnoses = new ArrayList<String>();
            if (conditions.hypertension()) diagnoses.add("I10");
            if (conditions.diabetes()) diagnoses.add("E119");
            visits.add(new Visit(chronicVisit, List.of(random.nextBoolean() ? "99213" : "99214"), diagnoses));
            if (conditions.diabetes() && random.nextDouble() < HBA1C_TESTED) {
                double value = random.nextDouble() < HBA1C_ABOVE_9
                        ? 9.1 + random.nextInt(40) / 10.0
                        : 5.6 + random.nextInt(34) / 10.0;
                var day = between(chronicVisit, lastDay);
                labs.append(lab(member, "4548-4", String.valueOf(value), "%", day));
                latest = later(latest, day);
            }
        }
        if (female && age >= 42 && age <= 74 && random.nextDouble() < BREAST) {
            var day = between(LocalDate.of(year - 2, 10, 1), lastDay);
            observations.add(mammogram(member, day));
            latest = later(latest, day);
        }
        if (female && age >= 24 && age <= 64 && random.nextDouble() < CERVICAL) {
            var day = between(start.minusYears(2), lastDay);
            labs.append(lab(member, "10524-7", "Negative for intraepithelial lesion or malignancy", "", day));
            if (age >= 35 && random.nextBoolean()) labs.append(lab(member, "30167-1", "Not detected", "", day));
            latest = later(latest, day);
        }
        if (age >= 46 && age <= 75 && random.nextDouble() < COLORECTAL) {
            if (random.nextDouble() < BY_COLONOSCOPY) {
                var day = between(start.minusYears(9), lastDay);
                visits.add(new Visit(day, List.of("45378"), List.of("Z1211")));
            } else {
                var day = between(start, lastDay);
                labs.append(lab(member, "2335-8", "Negative", "", day));
                latest = later(latest, day);
            }
        }
        if (conditions.hypertension() && random.nextDouble() < BP_RECORDED) {
            // a reading at the chronic-care visit and the last one on a later visit, after the member's other
            // results: CMS165 takes any final Observation as a reading (docs/quality.md, "A finding on CMS165"), so a
            // result on the last reading's day or after it would leave the member uncontrolled whatever the pressure
            boolean controlled = random.nextDouble() < BP_CONTROLLED;
            var after = later(chronicVisit, latest == null ? null : latest.plusDays(1));
            var day = after.isAfter(lastDay) ? lastDay : between(after, lastDay);
            if (!day.equals(chronicVisit)) {
                observations.add(
                        bloodPressure(member, chronicVisit, 128 + random.nextInt(30), 70 + random.nextInt(20)));
            }
            int systolic = controlled ? 112 + random.nextInt(27) : 140 + random.nextInt(40);
            int diastolic = controlled ? 65 + random.nextInt(24) : 70 + random.nextInt(30);
            observations.add(bloodPressure(member, day, systolic, diastolic));
        }
        if (age < 3 && member.birthDate() != null) {
            var from = member.birthDate().isAfter(start) ? member.birthDate() : start;
            if (!from.isAfter(lastDay))
                visits.add(new Visit(between(from, lastDay), List.of("99392"), List.of("Z00129")));
            immunizations.append(vaccines(member, visits));
        }
        int fhir = 0;
        if (!observations.isEmpty() && sinks.fhir() != null) {
            var json = FhirContext.forR4Cached().newJsonParser();
            sinks.fhir().write(json.encodeResourceToString(patient(member)) + "\n");
            for (var o : observations) sinks.fhir().write(json.encodeResourceToString(o) + "\n");
            fhir = observations.size() + 1;
        }
        if (sinks.labs() != null) sinks.labs().write(labs.toString());
        if (sinks.immunizations() != null) sinks.immunizations().write(immunizations.toString());
        return new Care(visits, count(labs), count(immunizations), fhir);
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static int count(CharSequence lines) {
        return (int) lines.chars().filter(c -> c == '\n').count();
    }

    /**
     * The child's vaccines: the whole schedule, or all but one series' last dose. The doses of this year are billed (a
     * claim per day with the vaccines' CPT codes and Z23, as a clinic bills them); the registry extract holds the whole
     * history of the children of CMS117's cohort (2 years old at the year's end), as a plan requests it from the state
     * registry for the measure, and nothing for the younger ones.
     */
    private String vaccines(SyntheticClaims.Member member, List<Visit> visits) {
        boolean cohort = age(member, asOf) == 2;
        var billed = new java.util.TreeMap<LocalDate, List<String>>();
        var out = new StringBuilder();
        int missed = -1;
        if (random.nextDouble() >= CIS_COMPLETE) {
            // the second influenza dose is the dose most often missed; then any other series
            missed = random.nextDouble() < 0.5 ? 6 : random.nextInt(SCHEDULE.size());
        }
        var secondBirthday = member.birthDate().plusYears(2);
        for (int s = 0; s < SCHEDULE.size(); s++) {
            var series = SCHEDULE.get(s);
            for (int d = 0; d < series.days().length; d++) {
                if (s == missed && d == series.days().length - 1) continue;
                var day = member.birthDate().plusDays(series.days()[d] + random.nextInt(14));
                if (day.isAfter(lastDay) || !day.isBefore(secondBirthday)) continue;
                if (day.getYear() == year)
                    billed.computeIfAbsent(day, k -> new ArrayList<>()).add(series.cpt());
                if (!cohort) continue;
                out.append(member.memberId())
                        .append(",,")
                        .append(series.cvx())
                        .append(',')
                        .append(day)
                        .append(",LOT")
                        .append(1000 + random.nextInt(9000))
                        .append(',')
                        .append(REGISTRY)
                        .append('\n');
            }
        }
        billed.forEach((day, codes) -> visits.add(new Visit(day, codes, List.of("Z23"))));
        return out.toString();
    }

    /** A day from {@code from} to {@code to} (both included; {@code from} when the range is empty). */
    private LocalDate between(LocalDate from, LocalDate to) {
        long days = ChronoUnit.DAYS.between(from, to);
        return days <= 0 ? from : from.plusDays(random.nextLong(days + 1));
    }

    private static String lab(SyntheticClaims.Member member, String loinc, String value, String unit, LocalDate day) {
        return member.memberId() + ",," + loinc + "," + value + "," + unit + "," + day + "," + LAB + "\n";
    }

    /** The Patient the NDJSON's Observations point at: its identifier is the plan's member id. */
    private static Patient patient(SyntheticClaims.Member member) {
        var patient = new Patient();
        patient.setId(member.memberId());
        patient.addIdentifier(new Identifier().setValue(member.memberId()));
        patient.setGender("F".equals(member.sex()) ? AdministrativeGender.FEMALE : AdministrativeGender.MALE);
        if (member.birthDate() != null)
            patient.setBirthDateElement(
                    new org.hl7.fhir.r4.model.DateType(member.birthDate().toString()));
        return patient;
    }

    private static Observation observation(
            SyntheticClaims.Member member, String id, String category, String code, String display, LocalDate day) {
        var observation = new Observation();
        observation.setId(id);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(CATEGORY, category, null)));
        observation.setCode(new CodeableConcept(new Coding(LOINC, code, display)));
        observation.setSubject(new Reference("Patient/" + member.memberId()));
        var effective = new DateTimeType(date(day));
        effective.setTimeZoneZulu(true);
        observation.setEffective(effective);
        return observation;
    }

    private static Observation mammogram(SyntheticClaims.Member member, LocalDate day) {
        return observation(
                member, "mg-" + member.memberId() + "-" + day, "imaging", "24606-6", "MG Breast Screening", day);
    }

    private static Observation bloodPressure(
            SyntheticClaims.Member member, LocalDate day, int systolic, int diastolic) {
        var o = observation(
                member, "bp-" + member.memberId() + "-" + day, "vital-signs", "85354-9", "Blood pressure panel", day);
        o.addComponent(component("8480-6", "Systolic blood pressure", systolic));
        o.addComponent(component("8462-4", "Diastolic blood pressure", diastolic));
        return o;
    }

    private static Observation.ObservationComponentComponent component(String code, String display, int value) {
        return new Observation.ObservationComponentComponent(new CodeableConcept(new Coding(LOINC, code, display)))
                .setValue(new Quantity()
                        .setValue(new BigDecimal(value))
                        .setUnit("mm[Hg]")
                        .setSystem("http://unitsofmeasure.org")
                        .setCode("mm[Hg]"));
    }

    /** Midnight UTC of the day, so the day stays the file's whatever the reader's zone. */
    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
}
