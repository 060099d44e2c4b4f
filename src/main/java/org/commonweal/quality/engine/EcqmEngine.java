package org.commonweal.quality.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.MeasurePackage;
import org.commonweal.quality.measure.MeasurePopulations;

/**
 * Our own evaluator of the CMS eCQMs over a {@link MemberRecord}: each measure's initial population, denominator,
 * exclusions and numerator written out from the measure's CQL (and its Hospice, PalliativeCare,
 * AdvancedIllnessandFrailty and AdultOutpatientEncounters libraries), the value sets read from the published content
 * by the names the CQL declares. Only what a claims record can hold is evaluated (encounters, procedures,
 * diagnoses); every branch of the CQL that needs an Observation, MedicationRequest, DeviceRequest, ServiceRequest or
 * an inpatient discharge disposition is false here, which is what the reference engine answers on the same data.
 * Members with clinical FHIR resources go to the reference engine ({@link #covers}).
 *
 * <p>Date arithmetic as CQL does it on these data: a claim's dates are day-precision DateTimes and the measurement
 * period's bounds are millisecond-precision. Comparisons written "day of" compare days. The others (e.g.
 * "starts on or before end of "Measurement Period"", "overlaps "Measurement Period"") are uncertain, so null, when
 * the claim's day is the bound's day, and a null in a {@code where} drops the row: {@link #le}, {@link #ge}.
 * A procedure without an end date has an unbounded end (FHIRHelpers' closed null bound).
 */
public final class EcqmEngine {

    private static final String MNT_CODES = "CMS122 medical nutrition therapy codes";

    /** The measures this engine evaluates (the cms-2025 content with its shared libraries). */
    public static final List<String> MEASURES = List.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS165");

    private static final Pattern VALUESET = Pattern.compile("^valueset \"([^\"]+)\": '([^']+)'", Pattern.MULTILINE);

    private final Terminology terminology = new Terminology();
    private final Map<String, Definition> measures = new LinkedHashMap<>();

    /** One measure: its URL and population codes (from the Measure) and its value sets by CQL name. */
    private record Definition(String id, String url, List<String> populations, Map<String, Integer> valueSets) {
        int vs(String name) {
            var n = valueSets.get(name);
            if (n == null) throw new IllegalStateException(id + ": the CQL declares no value set \"" + name + "\"");
            return n;
        }
    }

    /** Reads the measures from the content folder laid out as {@code ../shared/quality/ecqm}. */
    public static EcqmEngine load(Path content) {
        var engine = new EcqmEngine();
        var shared = content.resolve("_shared/ecqm-content-cms-2025/libraries");
        for (var id : MEASURES) {
            var pkg = MeasurePackage.read(content.resolve(id), List.of(shared));
            var names = new HashMap<String, Integer>();
            for (var folder : List.of(content.resolve(id).resolve("libraries"), shared)) {
                for (var cql : cqlFiles(folder)) {
                    var m = VALUESET.matcher(read(cql));
                    while (m.find()) {
                        if (names.containsKey(m.group(1))) continue;
                        java.util.Set<String> keys;
                        try {
                            keys = pkg.valueSetKeys(m.group(2));
                        } catch (org.commonweal.quality.measure.MeasureContentException e) {
                            continue; // a shared library this measure does not include
                        }
                        names.put(m.group(1), engine.terminology.add(m.group(2), keys));
                    }
                }
            }
            if (id.equals("CMS122")) {
                // the five medical nutrition therapy codes CMS122 names one by one ("T ~ code")
                names.put(
                        MNT_CODES,
                        engine.terminology.add(
                                "urn:commonweal:cms122:mnt-codes",
                                List.of(
                                        Terminology.CPT + "|97802",
                                        Terminology.CPT + "|97803",
                                        Terminology.CPT + "|97804",
                                        Terminology.HCPCS_CMS + "|G0270",
                                        Terminology.HCPCS_CMS + "|G0271")));
            }
            engine.measures.put(
                    id,
                    new Definition(id, pkg.url(), List.copyOf(pkg.populations().keySet()), names));
        }
        return engine;
    }

    private static List<Path> cqlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".cql")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Measure's canonical URL. */
    public String url(String measureId) {
        return measures.get(measureId).url();
    }

    /** A new, empty record for one member; fill it with {@link MemberRecord#claim}. */
    public MemberRecord record(String memberId, LocalDate birthDate, String sex, boolean hasClinicalData) {
        return new MemberRecord(terminology, memberId, birthDate, sex, hasClinicalData);
    }

    /** Whether this engine gives the measure's answer for the member (else: the reference engine). */
    public boolean covers(String measureId, MemberRecord record) {
        return measures.containsKey(measureId) && !record.hasClinicalData;
    }

    public MeasurePopulations evaluate(String measureId, MemberRecord r, LocalDate from, LocalDate to) {
        var m = measures.get(measureId);
        if (m == null) throw new IllegalArgumentException(measureId + " is not one of " + MEASURES);
        var e = new Evaluation(m, r, from, to);
        boolean ip;
        boolean exclusion;
        boolean numerator;
        switch (measureId) {
            case "CMS122" -> {
                ip = e.ageIn(18, 75)
                        && e.diabetesEncounter()
                        && e.diagnosis("Diabetes", (on, off) -> on <= e.to && off >= e.from);
                exclusion = e.hospice() || e.advancedIllnessAndFrailty66() || e.palliative();
                // "Has No Record Of Glycemic Status Assessment": a claims record holds no laboratory result
                numerator = true;
            }
            case "CMS124" -> {
                ip = e.ageIn(24, 64)
                        && e.female()
                        && e.qualifyingEncounter(
                                "Office Visit",
                                "Preventive Care Services Established Office Visit, 18 and Up",
                                "Preventive Care Services Initial Office Visit, 18 and Up",
                                "Home Healthcare Services",
                                "Telephone Visits",
                                "Virtual Encounter");
                exclusion = e.hospice()
                        || e.procedure("Hysterectomy with No Residual Cervix", (s, end) -> onOrBefore(end, e.to))
                        || e.diagnosis("Congenital or Acquired Absence of Cervix", (on, off) -> onOrBefore(on, e.to))
                        || e.palliative();
                numerator = false; // cytology and HPV are laboratory results
            }
            case "CMS125" -> {
                ip = e.ageIn(42, 74) && e.female() && e.adultOutpatientEncounter();
                boolean right = e.diagnosis("Status Post Right Mastectomy", (on, off) -> onOrBefore(on, e.to))
                        || e.procedure("Unilateral Mastectomy Right", (s, end) -> onOrBefore(end, e.to));
                boolean left = e.diagnosis("Status Post Left Mastectomy", (on, off) -> onOrBefore(on, e.to))
                        || e.procedure("Unilateral Mastectomy Left", (s, end) -> onOrBefore(end, e.to));
                exclusion = e.hospice()
                        || right && left
                        || e.diagnosis("History of bilateral mastectomy", (on, off) -> onOrBefore(on, e.to))
                        || e.procedure("Bilateral Mastectomy", (s, end) -> onOrBefore(end, e.to))
                        || e.advancedIllnessAndFrailty66()
                        || e.palliative();
                numerator = false; // mammography is an ObservationClinicalResult
            }
            case "CMS130" -> {
                ip = e.ageIn(46, 75) && e.adultOutpatientEncounter();
                exclusion = e.hospice()
                        || e.diagnosis("Malignant Neoplasm of Colon", (on, off) -> on <= e.to)
                        || e.procedure("Total Colectomy", (s, end) -> end <= e.to)
                        || e.advancedIllnessAndFrailty66()
                        || e.palliative();
                int nineYears = (int) e.start.minusYears(9).toEpochDay();
                int fourYears = (int) e.start.minusYears(4).toEpochDay();
                numerator = e.procedure("Colonoscopy", (s, end) -> end >= nineYears && end <= e.to)
                        || e.procedure("Flexible Sigmoidoscopy", (s, end) -> end >= fourYears && end <= e.to);
            }
            case "CMS165" -> {
                // prevalence overlaps Interval[start of MP, start of MP + 6 months): the open end is the last
                // millisecond of the day before
                int lastDay = (int) e.start.plusMonths(6).minusDays(1).toEpochDay();
                ip = e.ageIn(18, 85)
                        && e.diagnosis(
                                "Essential Hypertension", (on, off) -> and(le(on, lastDay), ge(off, e.from)) == TRUE)
                        && e.adultOutpatientEncounter();
                Overlap msOverlap = (on, off) -> and(le(on, e.to), ge(off, e.from)) == TRUE;
                exclusion = e.hospice()
                        || e.diagnosis("Pregnancy", msOverlap)
                        || e.diagnosis("End Stage Renal Disease", msOverlap)
                        || e.diagnosis("Kidney Transplant Recipient", msOverlap)
                        || e.diagnosis("Chronic Kidney Disease, Stage 5", msOverlap)
                        || e.procedure("Kidney Transplant", (s, end) -> onOrBefore(end, e.to))
                        || e.procedure("Dialysis Services", (s, end) -> onOrBefore(end, e.to))
                        || e.encounter("ESRD Monthly Outpatient Services", (s, end) -> onOrBefore(s, e.to))
                        || e.advancedIllnessAndFrailty66To80Or81Frail()
                        || e.palliative();
                numerator = false; // blood pressure readings are observations
            }
            default -> throw new IllegalArgumentException(measureId);
        }
        var raw = new LinkedHashMap<String, Boolean>();
        for (var code : m.populations()) {
            raw.put(
                    code,
                    switch (code) {
                        case "initial-population", "denominator" -> ip;
                        case "denominator-exclusion" -> exclusion;
                        case "numerator" -> numerator;
                        default -> false;
                    });
        }
        return new MeasurePopulations(measureId, r.memberId, CqlMeasureEvaluator.proportion(raw), Map.of());
    }

    // three-valued comparison of a day-precision date with a millisecond-precision bound on day b
    static final int FALSE = 0, TRUE = 1, NULL = -1;

    /** {@code d <= b}: true before the bound's day, null on it, false after. */
    static int le(int d, int b) {
        return d < b ? TRUE : d == b ? NULL : FALSE;
    }

    /** {@code d >= b}: true after the bound's day, null on it, false before. */
    static int ge(int d, int b) {
        return d > b ? TRUE : d == b ? NULL : FALSE;
    }

    static int and(int a, int b) {
        if (a == FALSE || b == FALSE) return FALSE;
        return a == TRUE && b == TRUE ? TRUE : NULL;
    }

    /** "on or before" a millisecond bound: only a definite true keeps the row. */
    static boolean onOrBefore(int d, int b) {
        return le(d, b) == TRUE;
    }

    /** A test on an interval's two ends (epoch days). */
    @FunctionalInterface
    interface Overlap {
        boolean test(int start, int end);
    }

    /** One member, one measure, one period. */
    private static final class Evaluation {
        final Definition m;
        final MemberRecord r;
        final LocalDate start;
        final LocalDate end;
        final int from;
        final int to;
        /** AgeInYearsAt(date from end of "Measurement Period"); -1 without a birth date (null in CQL) */
        final int age;

        Evaluation(Definition m, MemberRecord r, LocalDate start, LocalDate end) {
            this.m = m;
            this.r = r;
            this.start = start;
            this.end = end;
            this.from = (int) start.toEpochDay();
            this.to = (int) end.toEpochDay();
            this.age =
                    r.birthDate == null ? -1 : Period.between(r.birthDate, end).getYears();
        }

        /** AgeInYearsAt(date from end of "Measurement Period") in Interval[low, high]. */
        boolean ageIn(int low, int high) {
            return age >= 0 && age >= low && age <= high;
        }

        int age() {
            return age;
        }

        /** Patient.sex = '248152002' (the US Core sex extension made from the member's sex F). */
        boolean female() {
            return "F".equals(r.sex);
        }

        /** exists an encounter with a type in the value set whose period passes the test. */
        boolean encounter(String valueSet, Overlap test) {
            return encounter(m.vs(valueSet), test);
        }

        boolean encounter(int vs, Overlap test) {
            for (int i = 0; i < r.encounters; i++) {
                if (hasCode(r.encounterCodes[i], vs) && test.test(r.encounterFrom[i], r.encounterTo[i])) return true;
            }
            return false;
        }

        /** exists a completed procedure with a code in the value set whose performed interval passes the test. */
        boolean procedure(String valueSet, Overlap test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.procedures; i++) {
                if (r.terminology().in(r.procedureCode[i], vs) && test.test(r.procedureFrom[i], r.procedureTo[i])) {
                    return true;
                }
            }
            return false;
        }

        /** exists a verified diagnosis in the value set whose prevalence interval passes the test. */
        boolean diagnosis(String valueSet, Overlap test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.diagnoses; i++) {
                if (r.terminology().in(r.diagnosisCode[i], vs)
                        && test.test(r.diagnosisOnset[i], r.diagnosisAbatement[i])) {
                    return true;
                }
            }
            return false;
        }

        private boolean hasCode(int[] codes, int vs) {
            for (int code : codes) if (r.terminology().in(code, vs)) return true;
            return false;
        }

        /** An encounter of one of the value sets whose period is during day of the measurement period. */
        boolean qualifyingEncounter(String... valueSets) {
            for (var vs : valueSets) {
                if (encounter(vs, (s, e) -> s >= from && e <= to)) return true;
            }
            return false;
        }

        /** AdultOutpatientEncounters."Qualifying Encounters". */
        boolean adultOutpatientEncounter() {
            return qualifyingEncounter(
                    "Office Visit",
                    "Annual Wellness Visit",
                    "Preventive Care Services Established Office Visit, 18 and Up",
                    "Preventive Care Services Initial Office Visit, 18 and Up",
                    "Home Healthcare Services",
                    "Virtual Encounter",
                    "Telephone Visits");
        }

        /** CMS122's "Qualifying Encounters": the adult outpatient sets, nutrition services and five MNT codes. */
        boolean diabetesEncounter() {
            if (qualifyingEncounter(
                    "Office Visit",
                    "Annual Wellness Visit",
                    "Preventive Care Services Established Office Visit, 18 and Up",
                    "Preventive Care Services Initial Office Visit, 18 and Up",
                    "Home Healthcare Services",
                    "Nutrition Services",
                    "Telephone Visits")) {
                return true;
            }
            return encounter(m.vs(MNT_CODES), (s, e) -> s >= from && e <= to);
        }

        /** Hospice."Has Hospice Services" on a claims record (no discharge disposition, assessment or order). */
        boolean hospice() {
            Overlap overlapsDay = (s, e) -> s <= to && e >= from;
            return encounter("Hospice Encounter", overlapsDay)
                    || procedure("Hospice Care Ambulatory", overlapsDay)
                    || diagnosis("Hospice Diagnosis", overlapsDay);
        }

        /** PalliativeCare."Has Palliative Care in the Measurement Period" (no FACIT-Pal assessment in claims). */
        boolean palliative() {
            Overlap overlapsDay = (s, e) -> s <= to && e >= from;
            return diagnosis("Palliative Care Diagnosis", overlapsDay)
                    || encounter("Palliative Care Encounter", overlapsDay)
                    || procedure("Palliative Care Intervention", overlapsDay);
        }

        /** AdvancedIllnessandFrailty."Has Criteria Indicating Frailty" (diagnosis or encounter in claims). */
        boolean frailty() {
            Overlap overlapsDay = (s, e) -> s <= to && e >= from;
            return diagnosis("Frailty Diagnosis", overlapsDay) || encounter("Frailty Encounter", overlapsDay);
        }

        /** "Has Advanced Illness in Year Before or During Measurement Period" (no dementia medication in claims). */
        boolean advancedIllness() {
            int yearBefore = (int) start.minusYears(1).toEpochDay();
            return diagnosis("Advanced Illness", (on, off) -> on >= yearBefore && on <= to);
        }

        boolean advancedIllnessAndFrailty66() {
            return age() >= 66 && frailty() && advancedIllness();
        }

        boolean advancedIllnessAndFrailty66To80Or81Frail() {
            int age = age();
            return age >= 66 && age <= 80 && frailty() && advancedIllness() || age >= 81 && frailty();
        }
    }
}
