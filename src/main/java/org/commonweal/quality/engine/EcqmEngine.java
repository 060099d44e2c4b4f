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
 * by the names the CQL declares. The record holds claims and clinical FHIR data ({@link FhirRecords}): encounters,
 * procedures, diagnoses, observations (laboratory, imaging, assessments, blood pressure, symptoms) and device, service
 * and medication orders, each kept only when the Status function the CQL applies keeps it.
 *
 * <p>Date arithmetic as CQL does it on these data: a claim's dates are day-precision DateTimes and the measurement
 * period's bounds are millisecond-precision. Comparisons written "day of" compare days. The others (e.g.
 * "starts on or before end of "Measurement Period"", "overlaps "Measurement Period"") are uncertain, so null, when
 * the claim's day is the bound's day, and a null in a {@code where} drops the row: {@link #le}, {@link #ge}. A
 * clinical date with a time ({@link MemberRecord#PRECISE}) compares definitely on the bound's day.
 * A procedure without an end date has an unbounded end (FHIRHelpers' closed null bound).
 */
public final class EcqmEngine {

    private static final String MNT_CODES = "CMS122 medical nutrition therapy codes";
    private static final String HOSPICE_ASSESSMENT = "Hospice care [Minimum Data Set]";
    private static final String FACIT_PAL = "FACIT-Pal";
    private static final String GMI = "Glucose management indicator";
    private static final String HOUSING_STATUS = "Housing status";
    private static final String MEDICAL_EQUIPMENT = "Medical equipment used";

    /**
     * The measures this engine evaluates: the cms-2025 content with its shared libraries; CMS153 the qicore-2024
     * content with its own ({@link Cms153}); CMS117 (qicore-2025, its own Status 1.13.000 and Hospice 6.15.000;
     * {@link Cms117}).
     */
    public static final List<String> MEASURES =
            List.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS165", "CMS153", "CMS117");

    private static final Pattern VALUESET = Pattern.compile("^valueset \"([^\"]+)\": '([^']+)'", Pattern.MULTILINE);

    private final Terminology terminology = new Terminology();
    private final Map<String, Definition> measures = new LinkedHashMap<>();

    /** One measure: its URL and population codes (from the Measure) and its value sets by CQL name. */
    private record Definition(
            String id,
            String url,
            List<String> populations,
            Map<String, Integer> valueSets,
            Map<String, Boolean>[] outcomes,
            Map<String, String> stratifiers) {
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
                        // CMS153's own libraries carry other expansions of some of the same value sets (CMS153)
                        var url = id.equals(Cms153.MEASURE) ? id + " " + m.group(2) : m.group(2);
                        names.put(m.group(1), engine.terminology.add(url, keys));
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
            if (id.equals(Cms153.MEASURE)) {
                names.put(
                        Cms153.VAGINAL_INTERCOURSE,
                        engine.terminology.add(
                                "urn:commonweal:loinc:64728-9", List.of(FhirRecords.LOINC + "|64728-9")));
            }
            // codes the shared libraries name one by one
            names.put(
                    HOSPICE_ASSESSMENT,
                    engine.terminology.add("urn:commonweal:loinc:45755-6", List.of(FhirRecords.LOINC + "|45755-6")));
            names.put(
                    FACIT_PAL,
                    engine.terminology.add("urn:commonweal:loinc:71007-9", List.of(FhirRecords.LOINC + "|71007-9")));
            for (var code :
                    List.of(new String[] {GMI, "97506-0"}, new String[] {HOUSING_STATUS, "71802-3"}, new String[] {
                        MEDICAL_EQUIPMENT, "98181-1"
                    })) {
                names.put(
                        code[0],
                        engine.terminology.add(
                                "urn:commonweal:loinc:" + code[1], List.of(FhirRecords.LOINC + "|" + code[1])));
            }
            if (id.equals("CMS117")) {
                Cms117.codes(engine.terminology, names, content.resolve(id).resolve("libraries"));
            }
            engine.measures.put(
                    id,
                    new Definition(
                            id,
                            pkg.url(),
                            List.copyOf(pkg.populations().keySet()),
                            names,
                            outcomes(List.copyOf(pkg.populations().keySet())).toArray(Map[]::new),
                            pkg.stratifiers()));
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

    /**
     * A record from a member's FHIR resources alone (a published test case): the Patient's birth date and US Core
     * sex, and the clinical resources through {@link FhirRecords}.
     */
    public MemberRecord record(String memberId, List<? extends org.hl7.fhir.r4.model.Resource> resources) {
        org.hl7.fhir.r4.model.Patient patient = null;
        for (var r : resources) if (r instanceof org.hl7.fhir.r4.model.Patient p) patient = p;
        var record = new MemberRecord(
                terminology,
                memberId,
                patient == null ? null : FhirRecords.birthDate(patient),
                patient == null ? null : FhirRecords.sex(patient),
                true);
        FhirRecords.add(record, resources);
        return record;
    }

    /** Whether this engine gives the measure's answer for the member (else: the reference engine). */
    public boolean covers(String measureId, MemberRecord record) {
        return measures.containsKey(measureId);
    }

    public MeasurePopulations evaluate(String measureId, MemberRecord r, LocalDate from, LocalDate to) {
        var m = measures.get(measureId);
        if (m == null) throw new IllegalArgumentException(measureId + " is not one of " + MEASURES);
        var e = new Evaluation(m, r, from, to);
        boolean ip;
        boolean exclusion;
        boolean numerator;
        Map<String, Object> strata = Map.of();
        switch (measureId) {
            case "CMS122" -> {
                ip = e.ageIn(18, 75)
                        && e.diabetesEncounter()
                        && e.diagnosis("Diabetes", (on, off) -> on <= e.to && off >= e.from);
                exclusion = ip && (e.hospice() || e.nursingHome() || e.advancedIllnessAndFrailty66() || e.palliative());
                numerator = ip && !exclusion && e.glycemicStatusAbove9OrMissing();
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
                exclusion = ip
                        && (e.hospice()
                                || e.procedure(
                                        "Hysterectomy with No Residual Cervix", (s, end) -> e.onOrBefore(end, e.to))
                                || e.diagnosis(
                                        "Congenital or Acquired Absence of Cervix", (on, off) -> e.onOrBefore(on, e.to))
                                || e.palliative());
                numerator = ip && !exclusion && e.cervicalScreening();
            }
            case "CMS125" -> {
                ip = e.ageIn(42, 74) && e.female() && e.adultOutpatientEncounter();
                Overlap startsByEnd = (on, off) -> e.onOrBefore(on, e.to);
                boolean right = e.diagnosis("Status Post Right Mastectomy", startsByEnd)
                        || e.diagnosis("Unilateral Mastectomy, Unspecified Laterality", MemberRecord.RIGHT, startsByEnd)
                        || e.procedure("Unilateral Mastectomy Right", (s, end) -> e.onOrBefore(end, e.to));
                boolean left = e.diagnosis("Status Post Left Mastectomy", startsByEnd)
                        || e.diagnosis("Unilateral Mastectomy, Unspecified Laterality", MemberRecord.LEFT, startsByEnd)
                        || e.procedure("Unilateral Mastectomy Left", (s, end) -> e.onOrBefore(end, e.to));
                exclusion = ip
                        && (e.hospice()
                                || right && left
                                || e.diagnosis("History of bilateral mastectomy", (on, off) -> e.onOrBefore(on, e.to))
                                || e.procedure("Bilateral Mastectomy", (s, end) -> e.onOrBefore(end, e.to))
                                || e.advancedIllnessAndFrailty66()
                                || e.nursingHome()
                                || e.palliative());
                int october = (int) LocalDate.of(e.start.getYear() - 2, 10, 1).toEpochDay();
                numerator = ip
                        && !exclusion
                        && e.observation(
                                "Mammography",
                                MemberRecord.RESULT | MemberRecord.IMAGING,
                                i -> e.between(r.observationEnd[i], october, e.to));
            }
            case "CMS130" -> {
                ip = e.ageIn(46, 75) && e.adultOutpatientEncounter();
                exclusion = ip
                        && (e.hospice()
                                || e.diagnosis("Malignant Neoplasm of Colon", (on, off) -> on <= e.to)
                                || e.procedure("Total Colectomy", (s, end) -> end <= e.to)
                                || e.advancedIllnessAndFrailty66()
                                || e.nursingHome()
                                || e.palliative());
                int nineYears = (int) e.start.minusYears(9).toEpochDay();
                int fourYears = (int) e.start.minusYears(4).toEpochDay();
                int twoYears = (int) e.start.minusYears(2).toEpochDay();
                numerator = ip
                        && !exclusion
                        && (e.procedure("Colonoscopy", (s, end) -> end >= nineYears && end <= e.to)
                                || e.procedure("Flexible Sigmoidoscopy", (s, end) -> end >= fourYears && end <= e.to)
                                || e.observation(
                                        "Fecal Occult Blood Test (FOBT)",
                                        MemberRecord.RESULT | MemberRecord.HAS_VALUE,
                                        i -> e.between(e.latest(i), e.from, e.to))
                                || e.observation(
                                        "sDNA FIT Test",
                                        MemberRecord.RESULT | MemberRecord.HAS_VALUE,
                                        i -> e.between(e.latest(i), twoYears, e.to))
                                || e.observation(
                                        "CT Colonography",
                                        MemberRecord.RESULT | MemberRecord.IMAGING,
                                        i -> e.between(r.observationEnd[i], fourYears, e.to)));
            }
            case "CMS165" -> {
                // prevalence overlaps Interval[start of MP, start of MP + 6 months): the open end is the last
                // millisecond of the day before
                int lastDay = (int) e.start.plusMonths(6).minusDays(1).toEpochDay();
                ip = e.ageIn(18, 85)
                        && e.diagnosis(
                                "Essential Hypertension",
                                (on, off) -> and(e.le(on, lastDay), e.ge(off, e.from)) == TRUE)
                        && e.adultOutpatientEncounter();
                Overlap msOverlap = (on, off) -> and(e.le(on, e.to), e.ge(off, e.from)) == TRUE;
                exclusion = ip
                        && (e.hospice()
                                || e.diagnosis("Pregnancy", msOverlap)
                                || e.diagnosis("End Stage Renal Disease", msOverlap)
                                || e.diagnosis("Kidney Transplant Recipient", msOverlap)
                                || e.diagnosis("Chronic Kidney Disease, Stage 5", msOverlap)
                                || e.procedure("Kidney Transplant", (s, end) -> e.onOrBefore(end, e.to))
                                || e.procedure("Dialysis Services", (s, end) -> e.onOrBefore(end, e.to))
                                || e.encounter("ESRD Monthly Outpatient Services", (s, end) -> e.onOrBefore(s, e.to))
                                || e.advancedIllnessAndFrailty66To80Or81Frail()
                                || e.nursingHome()
                                || e.palliative());
                numerator = ip && !exclusion && e.bloodPressureControlled();
            }
            case "CMS153" -> {
                var c = new Cms153(m::vs, r, e.from, e.to, e.age());
                ip = c.initialPopulation();
                exclusion = ip && c.exclusion();
                numerator = ip && !exclusion && c.numerator();
                strata = c.strata(m.stratifiers());
            }
            case "CMS117" -> {
                ip = e.ageIn(2, 2)
                        && e.qualifyingEncounter(
                                "Office Visit",
                                "Home Healthcare Services",
                                "Preventive Care, Established Office Visit, 0 to 17",
                                "Preventive Care Services, Initial Office Visit, 0 to 17",
                                Cms117.ESTABLISHED_99211,
                                "Virtual Encounter",
                                "Telephone Visits");
                var c = ip ? new Cms117(m::vs, r) : null;
                exclusion = ip && (e.hospice() || c.exclusion());
                numerator = ip && !exclusion && c.numerator();
            }
            default -> throw new IllegalArgumentException(measureId);
        }
        return new MeasurePopulations(
                measureId, r.memberId, m.outcomes()[!ip ? 0 : exclusion ? 1 : numerator ? 2 : 3], strata);
    }

    /**
     * The four answers a proportion measure can give, after its rules, made once per measure (shared, unmodifiable):
     * outside the initial population; excluded; in the numerator; in the denominator only.
     */
    private static List<Map<String, Boolean>> outcomes(List<String> populations) {
        var out = new java.util.ArrayList<Map<String, Boolean>>();
        boolean[][] states = {{false, false, false}, {true, true, false}, {true, false, true}, {true, false, false}};
        for (var state : states) {
            var raw = new LinkedHashMap<String, Boolean>();
            for (var code : populations) {
                raw.put(
                        code,
                        switch (code) {
                            case "initial-population", "denominator" -> state[0];
                            case "denominator-exclusion" -> state[1];
                            case "numerator" -> state[2];
                            default -> false;
                        });
            }
            out.add(java.util.Collections.unmodifiableMap(CqlMeasureEvaluator.proportion(raw)));
        }
        return List.copyOf(out);
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

    /** A test on one observation of the record (its index). */
    @FunctionalInterface
    interface ObservationTest {
        boolean test(int i);
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
        /** whether the entry under test came with a time ({@link MemberRecord#PRECISE}) */
        boolean precise;
        /** entries this measure's Status library does not keep (CMS117's Status 1.13.000 keeps more) */
        final int skip;

        Evaluation(Definition m, MemberRecord r, LocalDate start, LocalDate end) {
            this.m = m;
            this.r = r;
            this.start = start;
            this.end = end;
            this.from = (int) start.toEpochDay();
            this.to = (int) end.toEpochDay();
            this.age =
                    r.birthDate == null ? -1 : Period.between(r.birthDate, end).getYears();
            this.skip = m.id().equals("CMS117")
                    ? MemberRecord.INTENT_NOT_ORDER
                    : MemberRecord.NOT_FINISHED | MemberRecord.UNVERIFIED;
        }

        /** {@code d <= b} for the entry under test: a dateTime on the bound's day is before the bound's last ms. */
        int le(int d, int b) {
            return precise && d == b ? TRUE : EcqmEngine.le(d, b);
        }

        /** {@code d >= b} for the entry under test: a dateTime on the bound's day is after its first ms. */
        int ge(int d, int b) {
            return precise && d == b ? TRUE : EcqmEngine.ge(d, b);
        }

        boolean onOrBefore(int d, int b) {
            return le(d, b) == TRUE;
        }

        /** "during day of Interval[low, high]" for one day. */
        boolean between(int d, int low, int high) {
            return d >= low && d <= high;
        }

        /** QICoreCommon's {@code latest()}: the end of the effective interval if it has one, else its start. */
        int latest(int i) {
            int end = r.observationEnd[i];
            return end == MemberRecord.OPEN_END ? r.observationStart[i] : end;
        }

        /** exists an observation (status final, amended or corrected) coded in the value set, with the flags. */
        boolean observation(String valueSet, int flags, ObservationTest test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.observations; i++) {
                if ((r.observationFlags[i] & flags) == flags && hasCode(r.observationCodes[i], vs) && test.test(i)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * CMS122's numerator: the lowest HbA1c or GMI reading on the most recent day with one in the period has no
         * value (CQL sorts a reading without a Quantity first) or is above 9 %, or there is no reading at all.
         */
        boolean glycemicStatusAbove9OrMissing() {
            int hba1c = m.vs("HbA1c Laboratory Test");
            int gmi = m.vs(GMI);
            int mostRecent = Integer.MIN_VALUE;
            for (int i = 0; i < r.observations; i++) {
                if (glycemic(i, hba1c, gmi)) mostRecent = Math.max(mostRecent, latest(i));
            }
            if (mostRecent == Integer.MIN_VALUE) return true;
            double lowest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < r.observations; i++) {
                if (!glycemic(i, hba1c, gmi) || latest(i) != mostRecent) continue;
                double value = r.observationQuantity[i];
                // a reading without a Quantity sorts first; the numerator then holds only when it has no value at
                // all (a coded value is not null, and comparing it with 9 '%' is null)
                if (Double.isNaN(value)) return (r.observationFlags[i] & MemberRecord.HAS_VALUE) == 0;
                lowest = Math.min(lowest, value);
            }
            return lowest > 9;
        }

        private boolean glycemic(int i, int hba1c, int gmi) {
            return (r.observationFlags[i] & MemberRecord.RESULT) != 0
                    && (hasCode(r.observationCodes[i], hba1c) || hasCode(r.observationCodes[i], gmi))
                    && between(latest(i), from, to);
        }

        /** CMS124's numerator: cytology within 3 years, or HPV within 5 years at 30 or older, with a value. */
        boolean cervicalScreening() {
            int twoYears = (int) start.minusYears(2).toEpochDay();
            int fourYears = (int) start.minusYears(4).toEpochDay();
            int result = MemberRecord.RESULT | MemberRecord.HAS_VALUE;
            return observation("Pap Test", result, i -> between(latest(i), twoYears, to))
                    || observation(
                            "HPV Test",
                            result,
                            i -> r.birthDate != null
                                    && Period.between(r.birthDate, LocalDate.ofEpochDay(latest(i)))
                                                    .getYears()
                                            >= 30
                                    && between(latest(i), fourYears, to));
        }

        /**
         * CMS165's numerator. A qualifying reading is any observation with a result status ([USCoreBloodPressureProfile]
         * is not narrowed by profile or code) that is not during an inpatient or emergency encounter, or whose
         * encounter is an outpatient one and which is during the period. On the most recent day of a qualifying
         * reading, the lowest systolic must be below 140 and the lowest diastolic below 90; a reading of that day
         * without the component sorts first as null, and a null comparison is false.
         */
        boolean bloodPressureControlled() {
            int inpatient = m.vs("Encounter Inpatient");
            int emergency = m.vs("Emergency Department Evaluation and Management Visit");
            int mostRecent = Integer.MIN_VALUE;
            var qualifying = new boolean[r.observations];
            for (int i = 0; i < r.observations; i++) {
                if ((r.observationFlags[i] & MemberRecord.RESULT) == 0) continue;
                int day = latest(i);
                boolean outpatient = (r.observationFlags[i] & MemberRecord.OUTPATIENT_ENCOUNTER) != 0;
                qualifying[i] = !duringEncounter(day, inpatient, emergency) || outpatient && between(day, from, to);
                if (qualifying[i]) mostRecent = Math.max(mostRecent, day);
            }
            if (mostRecent == Integer.MIN_VALUE) return false;
            double systolic = Double.POSITIVE_INFINITY;
            double diastolic = Double.POSITIVE_INFINITY;
            for (int i = 0; i < r.observations; i++) {
                if (!qualifying[i] || latest(i) != mostRecent) continue;
                if (Double.isNaN(r.observationSystolic[i]) || Double.isNaN(r.observationDiastolic[i])) return false;
                systolic = Math.min(systolic, r.observationSystolic[i]);
                diastolic = Math.min(diastolic, r.observationDiastolic[i]);
            }
            return systolic < 140 && diastolic < 90;
        }

        private boolean duringEncounter(int day, int inpatient, int emergency) {
            for (int i = 0; i < r.encounters; i++) {
                if ((r.encounterFlags[i] & skip) != 0) continue;
                if ((hasCode(r.encounterCodes[i], inpatient) || hasCode(r.encounterCodes[i], emergency))
                        && day >= r.encounterFrom[i]
                        && day <= r.encounterTo[i]) {
                    return true;
                }
            }
            return false;
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
                if ((r.encounterFlags[i] & skip) != 0) continue;
                precise = (r.encounterFlags[i] & MemberRecord.PRECISE) != 0;
                if (hasCode(r.encounterCodes[i], vs) && test.test(r.encounterFrom[i], r.encounterTo[i])) return true;
            }
            return false;
        }

        /** exists a completed procedure with a code in the value set whose performed interval passes the test. */
        boolean procedure(String valueSet, Overlap test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.procedures; i++) {
                precise = (r.procedureFlags[i] & MemberRecord.PRECISE) != 0;
                if (r.terminology().in(r.procedureCode[i], vs) && test.test(r.procedureFrom[i], r.procedureTo[i])) {
                    return true;
                }
            }
            return false;
        }

        /** exists a verified diagnosis in the value set whose prevalence interval passes the test. */
        boolean diagnosis(String valueSet, Overlap test) {
            return diagnosis(valueSet, 0, test);
        }

        /** exists a verified diagnosis in the value set, with the flags, whose prevalence interval passes the test. */
        boolean diagnosis(String valueSet, int flags, Overlap test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.diagnoses; i++) {
                if ((r.diagnosisFlags[i] & flags) != flags || (r.diagnosisFlags[i] & skip) != 0) continue;
                precise = (r.diagnosisFlags[i] & MemberRecord.PRECISE) != 0;
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
                    || diagnosis("Hospice Diagnosis", overlapsDay)
                    || hospiceDischarge()
                    || order("Hospice Care Ambulatory", MemberRecord.SERVICE_ORDER, (s, e) -> s >= from && s <= to)
                    || observation(
                            HOSPICE_ASSESSMENT,
                            MemberRecord.RESULT | MemberRecord.VALUE_YES,
                            i -> r.observationStart[i] <= to && r.observationEnd[i] >= from);
        }

        /** An inpatient encounter discharged to hospice care that ends during the period. */
        private boolean hospiceDischarge() {
            int vs = m.vs("Encounter Inpatient");
            for (int i = 0; i < r.encounters; i++) {
                if ((r.encounterFlags[i] & MemberRecord.HOSPICE_DISCHARGE) != 0
                        && (r.encounterFlags[i] & skip) == 0
                        && hasCode(r.encounterCodes[i], vs)
                        && between(r.encounterTo[i], from, to)) {
                    return true;
                }
            }
            return false;
        }

        /** PalliativeCare."Has Palliative Care in the Measurement Period" (no FACIT-Pal assessment in claims). */
        boolean palliative() {
            Overlap overlapsDay = (s, e) -> s <= to && e >= from;
            return diagnosis("Palliative Care Diagnosis", overlapsDay)
                    || encounter("Palliative Care Encounter", overlapsDay)
                    || procedure("Palliative Care Intervention", overlapsDay)
                    || observation(
                            FACIT_PAL,
                            MemberRecord.RESULT,
                            i -> r.observationStart[i] <= to && r.observationEnd[i] >= from);
        }

        /** AdvancedIllnessandFrailty."Has Criteria Indicating Frailty" (diagnosis or encounter in claims). */
        boolean frailty() {
            Overlap overlapsDay = (s, e) -> s <= to && e >= from;
            int device = m.vs("Frailty Device");
            return order("Frailty Device", MemberRecord.DEVICE_ORDER, (s, e) -> s >= from && s <= to)
                    || observation(
                            MEDICAL_EQUIPMENT,
                            MemberRecord.RESULT,
                            i -> hasCode(r.observationValueCodes[i], device) && between(r.observationEnd[i], from, to))
                    || diagnosis("Frailty Diagnosis", overlapsDay)
                    || encounter("Frailty Encounter", overlapsDay)
                    || observation(
                            "Frailty Symptom", 0, i -> r.observationStart[i] <= to && r.observationEnd[i] >= from);
        }

        /** "Has Advanced Illness in Year Before or During Measurement Period" (no dementia medication in claims). */
        boolean advancedIllness() {
            int yearBefore = (int) start.minusYears(1).toEpochDay();
            return diagnosis("Advanced Illness", (on, off) -> on >= yearBefore && on <= to)
                    || order(
                            "Dementia Medications",
                            MemberRecord.MEDICATION_ORDER,
                            (s, e) -> s <= to && e >= yearBefore);
        }

        /**
         * "Is Age 66 or Older Living Long Term in a Nursing Home": the housing status assessment ending last on or
         * before the period's last day says "Lives in nursing home".
         */
        boolean nursingHome() {
            if (age() < 66) return false;
            int vs = m.vs(HOUSING_STATUS);
            int last = -1;
            for (int i = 0; i < r.observations; i++) {
                if ((r.observationFlags[i] & MemberRecord.RESULT) == 0 || !hasCode(r.observationCodes[i], vs)) continue;
                if (r.observationEnd[i] > to) continue;
                if (last < 0 || r.observationEnd[i] >= r.observationEnd[last]) last = i;
            }
            return last >= 0 && (r.observationFlags[last] & MemberRecord.VALUE_NURSING_HOME) != 0;
        }

        /** exists an order of the kind coded in the value set whose interval passes the test. */
        boolean order(String valueSet, int kind, Overlap test) {
            int vs = m.vs(valueSet);
            for (int i = 0; i < r.orders; i++) {
                if ((r.orderFlags[i] & kind) != 0
                        && (r.orderFlags[i] & skip) == 0
                        && hasCode(r.orderCodes[i], vs)
                        && test.test(r.orderStart[i], r.orderEnd[i])) {
                    return true;
                }
            }
            return false;
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
