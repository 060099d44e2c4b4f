package org.commonweal.quality.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * CMS153 Chlamydia Screening in Women (ChlamydiaScreeninginWomenFHIR 0.1.000, qicore-2024: QI-Core 4.1.1, Status
 * 1.8.000, Hospice 6.12.000, QICoreCommon 2.1.000, CumulativeMedicationDuration 4.1.000) in our engine, written from
 * its CQL. Its libraries keep other rows than the cms-2025 ones the other measures use, so CMS153 reads clinical data
 * from its own view of the member ({@link MemberRecord#cms153}, filled by {@link #add}) and claims from the record's
 * entries flagged {@link MemberRecord#CLAIM}:
 *
 * <ul>
 *   <li>encounters with status finished, arrived, triaged, in-progress or onleave ({@code isEncounterPerformed});
 *   <li>conditions whatever their verification status ({@code [Condition: …]} without {@code verified()});
 *   <li>service and medication orders with intent {@code order} only; laboratory observations need the
 *       {@code laboratory} category, assessments the {@code survey} category;
 *   <li>the sex is {@code Patient.gender} (not the US Core sex extension).
 * </ul>
 *
 * Dates: an interval with no start ({@code Interval(null, end]}) has an unknown start ({@link #UNKNOWN_START}), which
 * no test passes; a condition whose onset is absent starts at the minimum ({@code Interval[null, …]} closed); a
 * medication period is of Dates, so "overlaps "Measurement Period"" is uncertain on the period's first and last day.
 */
final class Cms153 {

    static final String MEASURE = "CMS153";
    /** The single LOINC code the CQL names ("Have you ever had vaginal intercourse [PhenX]"). */
    static final String VAGINAL_INTERCOURSE = "Have you ever had vaginal intercourse [PhenX]";

    static final String HOSPICE_ASSESSMENT = "Hospice care [Minimum Data Set]";

    /** Flags of the CMS153 view's entries (beside {@link MemberRecord#PRECISE} for the start and the others). */
    static final int END_PRECISE = 1 << 16;

    static final int LABORATORY = 1 << 17;
    static final int SURVEY = 1 << 18;
    /** An order: a MedicationRequest active with intent order, over {@code medicationRequestPeriod()} */
    static final int MEDICATION_ACTIVE = 1 << 19;

    /** A start CQL cannot place ({@code Interval(null, end]}: open null low). */
    static final int UNKNOWN_START = Integer.MIN_VALUE;
    /** A start before every date ({@code Interval[null, end]}: closed null low). */
    static final int NO_START = Integer.MIN_VALUE + 1;

    static final Set<String> PERFORMED = Set.of("finished", "arrived", "triaged", "in-progress", "onleave");
    static final Set<String> ORDERED = Set.of("active", "completed");
    static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String GENDER = "http://hl7.org/fhir/administrative-gender";

    private final ToIntFunction<String> valueSets;
    private final MemberRecord r;
    private final MemberRecord clinical;
    private final int from;
    private final int to;
    private final int age;
    /** whether the diagnosis under test came with a time at its onset / abatement */
    private boolean preciseStart;

    private boolean preciseEnd;

    Cms153(ToIntFunction<String> valueSets, MemberRecord r, int from, int to, int age) {
        this.valueSets = valueSets;
        this.r = r;
        this.clinical = r.cms153;
        this.from = from;
        this.to = to;
        this.age = age;
    }

    // ------------------------------------------------------------------------------------------------ the measure

    /** "Initial Population" (and "Denominator"). */
    boolean initialPopulation() {
        return age >= 16
                && age <= 24
                && "female".equals(r.gender)
                && qualifyingEncounter()
                && (assessment()
                        || diagnoses()
                        || activeContraceptives()
                        || orderedContraceptives()
                        || pregnancyTestOrder()
                        || labTestsButNotPregnancy()
                        || diagnosticStudies()
                        || procedures());
    }

    /** "Denominator Exclusions". */
    boolean exclusion() {
        return hospice()
                || pregnancyTestExclusion()
                        && !assessment()
                        && !diagnoses()
                        && !activeContraceptives()
                        && !orderedContraceptives()
                        && !labTestsButNotPregnancy()
                        && !diagnosticStudies()
                        && !procedures();
    }

    /** "Numerator": a performed laboratory chlamydia test with a value whose latest day is in the period. */
    boolean numerator() {
        int vs = vs("Chlamydia Screening");
        if (clinical == null) return false;
        for (int i = 0; i < clinical.observations; i++) {
            int flags = clinical.observationFlags[i];
            if ((flags & (MemberRecord.RESULT | LABORATORY | MemberRecord.HAS_VALUE))
                            == (MemberRecord.RESULT | LABORATORY | MemberRecord.HAS_VALUE)
                    && hasCode(clinical.observationCodes[i], vs)
                    && between(latest(i), from, to)) {
                return true;
            }
        }
        return false;
    }

    /** "Stratification 1" (16–20) and "Stratification 2" (21–24) by the Measure's stratifier ids; null without age. */
    Map<String, Object> strata(Map<String, String> stratifiers) {
        var strata = new LinkedHashMap<String, Object>();
        stratifiers.forEach((id, expression) -> strata.put(
                id,
                age < 0
                        ? null
                        : switch (expression) {
                            case "Stratification 1" -> age >= 16 && age <= 20;
                            case "Stratification 2" -> age >= 21 && age <= 24;
                            default -> throw new IllegalStateException(MEASURE + ": no stratifier " + expression);
                        }));
        return strata;
    }

    // ------------------------------------------------------------------------------------------ the definitions

    /** "Qualifying Encounters": a performed encounter of the eight value sets during day of the period. */
    boolean qualifyingEncounter() {
        for (var name : List.of(
                "Office Visit",
                "Preventive Care Services Established Office Visit, 18 and Up",
                "Preventive Care Services Initial Office Visit, 18 and Up",
                "Preventive Care Services, Initial Office Visit, 0 to 17",
                "Preventive Care, Established Office Visit, 0 to 17",
                "Home Healthcare Services",
                "Telephone Visits",
                "Virtual Encounter")) {
            if (encounter(vs(name), (s, e) -> s >= from && e <= to)) return true;
        }
        return false;
    }

    /** "Has Assessments Identifying Sexual Activity": answered yes, ending on or before the period's end. */
    boolean assessment() {
        if (clinical == null) return false;
        int vs = vs(VAGINAL_INTERCOURSE);
        int wanted = MemberRecord.RESULT | SURVEY | MemberRecord.VALUE_YES;
        for (int i = 0; i < clinical.observations; i++) {
            int flags = clinical.observationFlags[i];
            if ((flags & wanted) == wanted
                    && hasCode(clinical.observationCodes[i], vs)
                    && le(clinical.observationEnd[i], to, (flags & END_PRECISE) != 0) == EcqmEngine.TRUE) {
                return true;
            }
        }
        return false;
    }

    /** "Has Diagnoses Identifying Sexual Activity": prevalence overlaps the period (millisecond bounds). */
    boolean diagnoses() {
        EcqmEngine.Overlap overlaps = (on, off) -> on != UNKNOWN_START
                && EcqmEngine.and(le(on, to, preciseStart), ge(off, from, preciseEnd)) == EcqmEngine.TRUE;
        return diagnosis(vs("Diagnoses Used to Indicate Sexual Activity"), overlaps)
                || diagnosis(vs("HIV"), overlaps)
                || diagnosis(vs("Complications of Pregnancy, Childbirth and the Puerperium"), overlaps);
    }

    /** "Has Active Contraceptive Medications": medicationRequestPeriod() (Dates) overlaps the period. */
    boolean activeContraceptives() {
        return order(
                vs("Contraceptive Medications"),
                MEDICATION_ACTIVE,
                (s, e) -> EcqmEngine.and(EcqmEngine.le(s, to), EcqmEngine.ge(e, from)) == EcqmEngine.TRUE);
    }

    /** "Has Ordered Contraceptive Medications": authored during day of the period. */
    boolean orderedContraceptives() {
        return order(vs("Contraceptive Medications"), MemberRecord.MEDICATION_ORDER, this::duringDay);
    }

    /** The pregnancy-test half of "Has Laboratory Tests Identifying Sexual Activity". */
    boolean pregnancyTestOrder() {
        return order(vs("Pregnancy Test"), MemberRecord.SERVICE_ORDER, this::duringDay);
    }

    /** "Has Laboratory Tests Identifying Sexual Activity But Not Pregnancy". */
    boolean labTestsButNotPregnancy() {
        return order(vs("Pap Test"), MemberRecord.SERVICE_ORDER, this::duringDay)
                || order(vs("Lab Tests During Pregnancy"), MemberRecord.SERVICE_ORDER, this::duringDay)
                || order(
                        vs("Lab Tests for Sexually Transmitted Infections"),
                        MemberRecord.SERVICE_ORDER,
                        this::duringDay);
    }

    /** "Has Diagnostic Studies Identifying Sexual Activity". */
    boolean diagnosticStudies() {
        return order(vs("Diagnostic Studies During Pregnancy"), MemberRecord.SERVICE_ORDER, this::duringDay);
    }

    /** "Has Procedures Identifying Sexual Activity": a completed procedure performed during day of the period. */
    boolean procedures() {
        return procedure(vs("Procedures Used to Indicate Sexual Activity"), (s, e) -> s >= from && e <= to);
    }

    /**
     * "Has Pregnancy Test Exclusion": a pregnancy test order authored during the period (millisecond bounds) with an
     * x-ray order or an isotretinoin order authored on its day or up to 6 days after.
     */
    boolean pregnancyTestExclusion() {
        if (clinical == null) return false;
        int pregnancy = vs("Pregnancy Test");
        for (int i = 0; i < clinical.orders; i++) {
            if ((clinical.orderFlags[i] & MemberRecord.SERVICE_ORDER) == 0
                    || !hasCode(clinical.orderCodes[i], pregnancy)) continue;
            boolean precise = (clinical.orderFlags[i] & MemberRecord.PRECISE) != 0;
            int day = clinical.orderStart[i];
            if (EcqmEngine.and(ge(day, from, precise), le(day, to, precise)) != EcqmEngine.TRUE) continue;
            EcqmEngine.Overlap within6Days = (s, e) -> s >= day && s <= day + 6;
            if (order(vs("XRay Study"), MemberRecord.SERVICE_ORDER, within6Days)
                    || order(vs("Isotretinoin"), MemberRecord.MEDICATION_ORDER, within6Days)) {
                return true;
            }
        }
        return false;
    }

    /** Hospice 6.12.000 "Has Hospice Services". */
    boolean hospice() {
        EcqmEngine.Overlap overlapsDay = (s, e) -> s != UNKNOWN_START && s <= to && e >= from;
        if (encounter(vs("Hospice Encounter"), overlapsDay)
                || procedure(vs("Hospice Care Ambulatory"), overlapsDay)
                || diagnosis(vs("Hospice Diagnosis"), overlapsDay)
                || order(vs("Hospice Care Ambulatory"), MemberRecord.SERVICE_ORDER, this::duringDay)) {
            return true;
        }
        if (clinical == null) return false;
        int inpatient = vs("Encounter Inpatient");
        for (int i = 0; i < clinical.encounters; i++) {
            if ((clinical.encounterFlags[i] & MemberRecord.HOSPICE_DISCHARGE) != 0
                    && hasCode(clinical.encounterCodes[i], inpatient)
                    && between(clinical.encounterTo[i], from, to)) {
                return true;
            }
        }
        int assessment = vs(HOSPICE_ASSESSMENT);
        int wanted = MemberRecord.RESULT | SURVEY | MemberRecord.VALUE_YES;
        for (int i = 0; i < clinical.observations; i++) {
            if ((clinical.observationFlags[i] & wanted) == wanted
                    && hasCode(clinical.observationCodes[i], assessment)
                    && overlapsDay.test(clinical.observationStart[i], clinical.observationEnd[i])) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------- the rows

    /** exists an encounter (a claim's, or a performed one of the clinical data) of the value set passing the test. */
    private boolean encounter(int vs, EcqmEngine.Overlap test) {
        for (int i = 0; i < r.encounters; i++) {
            if ((r.encounterFlags[i] & MemberRecord.CLAIM) != 0
                    && hasCode(r.encounterCodes[i], vs)
                    && test.test(r.encounterFrom[i], r.encounterTo[i])) return true;
        }
        if (clinical == null) return false;
        for (int i = 0; i < clinical.encounters; i++) {
            if (hasCode(clinical.encounterCodes[i], vs)
                    && test.test(clinical.encounterFrom[i], clinical.encounterTo[i])) return true;
        }
        return false;
    }

    private boolean procedure(int vs, EcqmEngine.Overlap test) {
        for (int i = 0; i < r.procedures; i++) {
            if ((r.procedureFlags[i] & MemberRecord.CLAIM) != 0
                    && r.terminology().in(r.procedureCode[i], vs)
                    && test.test(r.procedureFrom[i], r.procedureTo[i])) return true;
        }
        if (clinical == null) return false;
        for (int i = 0; i < clinical.procedures; i++) {
            if (clinical.terminology().in(clinical.procedureCode[i], vs)
                    && test.test(clinical.procedureFrom[i], clinical.procedureTo[i])) return true;
        }
        return false;
    }

    private boolean diagnosis(int vs, EcqmEngine.Overlap test) {
        preciseStart = preciseEnd = false;
        for (int i = 0; i < r.diagnoses; i++) {
            if ((r.diagnosisFlags[i] & MemberRecord.CLAIM) != 0
                    && r.terminology().in(r.diagnosisCode[i], vs)
                    && test.test(r.diagnosisOnset[i], r.diagnosisAbatement[i])) return true;
        }
        if (clinical == null) return false;
        for (int i = 0; i < clinical.diagnoses; i++) {
            preciseStart = (clinical.diagnosisFlags[i] & MemberRecord.PRECISE) != 0;
            preciseEnd = (clinical.diagnosisFlags[i] & END_PRECISE) != 0;
            if (clinical.terminology().in(clinical.diagnosisCode[i], vs)
                    && test.test(clinical.diagnosisOnset[i], clinical.diagnosisAbatement[i])) return true;
        }
        return false;
    }

    private boolean order(int vs, int kind, EcqmEngine.Overlap test) {
        if (clinical == null) return false;
        for (int i = 0; i < clinical.orders; i++) {
            if ((clinical.orderFlags[i] & kind) != 0
                    && hasCode(clinical.orderCodes[i], vs)
                    && test.test(clinical.orderStart[i], clinical.orderEnd[i])) return true;
        }
        return false;
    }

    /** "authoredOn.toInterval() during day of "Measurement Period"". */
    private boolean duringDay(int start, int end) {
        return start >= from && end <= to;
    }

    private int latest(int i) {
        int end = clinical.observationEnd[i];
        return end == MemberRecord.OPEN_END ? clinical.observationStart[i] : end;
    }

    private static boolean between(int d, int low, int high) {
        return d >= low && d <= high;
    }

    /** {@code d <= b} against a millisecond bound on day b: a date with a time on that day is definitely before. */
    private static int le(int d, int b, boolean precise) {
        return precise && d == b ? EcqmEngine.TRUE : EcqmEngine.le(d, b);
    }

    /** {@code d >= b} against a millisecond bound on day b: a date with a time on that day is definitely after. */
    private static int ge(int d, int b, boolean precise) {
        return precise && d == b ? EcqmEngine.TRUE : EcqmEngine.ge(d, b);
    }

    private boolean hasCode(int[] codes, int vs) {
        for (int code : codes) if (r.terminology().in(code, vs)) return true;
        return false;
    }

    private int vs(String name) {
        return valueSets.applyAsInt(name);
    }

    // -------------------------------------------------------------------------------------- the clinical view

    /** Adds the member's clinical resources to its CMS153 view, keeping what CMS153's libraries keep. */
    static void add(MemberRecord record, List<? extends Resource> resources) {
        if (resources.isEmpty()) return;
        var view = record.cms153 != null
                ? record.cms153
                : new MemberRecord(record.terminology(), record.memberId, null, null, true);
        var terminology = record.terminology();
        for (var resource : resources) {
            view.dated = MonthMasks.dated(resource);
            switch (resource) {
                case org.hl7.fhir.r4.model.Patient p -> {
                    if (p.hasGender()) record.gender = p.getGender().toCode();
                }
                case Encounter e -> {
                    if (e.getStatus() == null
                            || !PERFORMED.contains(e.getStatus().toCode())) continue;
                    var codes = FhirRecords.codes(terminology, e.getType());
                    if (codes.length == 0 || !e.hasPeriod()) continue;
                    int[] interval = period(e.getPeriod());
                    if (interval == null) continue;
                    int flags = interval[2];
                    if (e.hasHospitalization()
                            && hasCoding(
                                    e.getHospitalization().getDischargeDisposition(),
                                    FhirRecords.SNOMED,
                                    FhirRecords.HOSPICE_DISCHARGE)) {
                        flags |= MemberRecord.HOSPICE_DISCHARGE;
                    }
                    view.addEncounter(interval[0], interval[1], codes, flags);
                }
                case Procedure p -> {
                    if (p.getStatus() != Procedure.ProcedureStatus.COMPLETED) continue;
                    int[] interval = p.getPerformed() instanceof Period period
                            ? period(period)
                            : FhirRecords.interval(p.getPerformed());
                    if (interval == null) continue;
                    for (int code : FhirRecords.codes(terminology, List.of(p.getCode()))) {
                        view.addProcedure(interval[0], interval[1], code, interval[2]);
                    }
                }
                case Condition c -> condition(view, c);
                case Observation o -> observation(view, o);
                case ServiceRequest s -> {
                    if (s.getStatus() == null
                            || !ORDERED.contains(s.getStatus().toCode())
                            || s.getIntent() != ServiceRequest.ServiceRequestIntent.ORDER
                            || s.getAuthoredOnElement().getValue() == null) continue;
                    authored(
                            view,
                            FhirRecords.codes(terminology, List.of(s.getCode())),
                            s.getAuthoredOnElement(),
                            MemberRecord.SERVICE_ORDER);
                }
                case MedicationRequest m -> {
                    if (m.getStatus() == null || m.getIntent() != MedicationRequest.MedicationRequestIntent.ORDER)
                        continue;
                    var code = FhirRecords.medicationCode(m, resources);
                    if (code == null) continue;
                    var codes = FhirRecords.codes(terminology, List.of(code));
                    if (codes.length == 0) continue;
                    var status = m.getStatus().toCode();
                    if (ORDERED.contains(status) && m.getAuthoredOnElement().getValue() != null) {
                        authored(view, codes, m.getAuthoredOnElement(), MemberRecord.MEDICATION_ORDER);
                    }
                    int[] period = "active".equals(status) ? FhirRecords.requestPeriod(m) : null;
                    if (period != null) view.addOrder(codes, period[0], period[1], MEDICATION_ACTIVE);
                }
                default -> {}
            }
        }
        view.dated = MemberRecord.UNDATED;
        if (view.encounters + view.procedures + view.diagnoses + view.observations + view.orders > 0) {
            record.cms153 = view;
        }
    }

    private static void authored(MemberRecord view, int[] codes, DateTimeType authoredOn, int kind) {
        if (codes.length == 0) return;
        int day = FhirRecords.day(authoredOn);
        view.addOrder(codes, day, day, kind | (FhirRecords.precise(authoredOn) ? MemberRecord.PRECISE : 0));
    }

    /**
     * {@code prevalenceInterval()}: from the onset's start (absent: the minimum) to the abatement (absent: unbounded
     * when active, recurrent or relapsed, else unknown).
     */
    private static void condition(MemberRecord view, Condition c) {
        int onset;
        int flags = 0;
        if (!c.hasOnset()) {
            onset = NO_START;
        } else if (c.getOnset() instanceof DateTimeType dt && dt.getValue() != null) {
            onset = FhirRecords.day(dt);
            if (FhirRecords.precise(dt)) flags |= MemberRecord.PRECISE;
        } else if (c.getOnset() instanceof Period p) {
            if (p.hasStart()) {
                onset = FhirRecords.day(p.getStartElement());
                if (FhirRecords.precise(p.getStartElement())) flags |= MemberRecord.PRECISE;
            } else {
                onset = NO_START;
            }
        } else {
            return; // an onset age, range or string: not in any test case or import; refused rather than guessed
        }
        int end;
        if (c.getAbatement() instanceof DateTimeType abatement && abatement.getValue() != null) {
            end = FhirRecords.day(abatement);
            if (FhirRecords.precise(abatement)) flags |= END_PRECISE;
        } else if (c.hasAbatement()) {
            return; // as above
        } else {
            end = FhirRecords.hasCode(c.getClinicalStatus(), FhirRecords.ACTIVE)
                    ? MemberRecord.OPEN_END
                    : MemberRecord.UNKNOWN_END;
        }
        for (int code : FhirRecords.codes(view.terminology(), List.of(c.getCode()))) {
            view.addDiagnosis(onset, end, code, flags);
        }
    }

    private static void observation(MemberRecord view, Observation o) {
        if (o.getStatus() == null || !FhirRecords.RESULT.contains(o.getStatus().toCode())) return;
        var codes = FhirRecords.codes(view.terminology(), List.of(o.getCode()));
        if (codes.length == 0) return;
        int[] interval = o.getEffective() instanceof Period p ? period(p) : FhirRecords.interval(o.getEffective());
        if (interval == null) return;
        int flags = MemberRecord.RESULT | interval[2];
        if (o.getEffective() instanceof DateTimeType && (interval[2] & MemberRecord.PRECISE) != 0) flags |= END_PRECISE;
        if (o.hasValue()) flags |= MemberRecord.HAS_VALUE;
        if (o.getValue() instanceof CodeableConcept answer
                && hasCoding(answer, FhirRecords.SNOMED, Set.of("373066001"))) flags |= MemberRecord.VALUE_YES;
        for (var category : o.getCategory()) {
            if (hasCoding(category, CATEGORY, Set.of("laboratory"))) flags |= LABORATORY;
            if (hasCoding(category, CATEGORY, Set.of("survey"))) flags |= SURVEY;
        }
        view.addObservation(codes, new int[0], interval[0], interval[1], flags, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * FHIRHelpers' {@code ToInterval(Period)} as {start, end, flags}: no start is an unknown start (open null low), no
     * end unbounded (closed null high); null when neither.
     */
    private static int[] period(Period p) {
        if (!p.hasStart() && !p.hasEnd()) return null;
        int flags = (FhirRecords.precise(p.getStartElement()) ? MemberRecord.PRECISE : 0)
                | (FhirRecords.precise(p.getEndElement()) ? END_PRECISE : 0);
        return new int[] {
            p.hasStart() ? FhirRecords.day(p.getStartElement()) : UNKNOWN_START,
            p.hasEnd() ? FhirRecords.day(p.getEndElement()) : MemberRecord.OPEN_END,
            flags
        };
    }

    private static boolean hasCoding(CodeableConcept concept, String system, Set<String> codes) {
        for (var c : concept.getCoding()) if (system.equals(c.getSystem()) && codes.contains(c.getCode())) return true;
        return false;
    }
}
