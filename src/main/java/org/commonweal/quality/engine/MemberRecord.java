package org.commonweal.quality.engine;

import java.time.LocalDate;
import java.util.Arrays;

/**
 * One member's data as our measure engine reads it: sex and birth date, and the claims as encounters (service dates
 * and the lines' procedure codes), procedures (a line's code or an ICD-10-PCS code with its dates) and diagnoses
 * (onset and abatement). Dates are epoch days; a procedure without an end date has {@link #OPEN_END} (FHIR
 * {@code Period.end} absent, which FHIRHelpers turns into a closed null bound: unbounded). Codes are the ids of
 * {@link Terminology}: only codes that some value set of the measures contains are kept, so the record is small.
 */
public final class MemberRecord {

    /** An end date that is not known: after every date. */
    public static final int OPEN_END = Integer.MAX_VALUE;

    /**
     * A condition's end that CQL cannot place (an inactive condition without abatement: {@code Interval[onset,
     * null)}): every comparison with it is null, so it is before every date and no test on it holds.
     */
    public static final int UNKNOWN_END = Integer.MIN_VALUE;

    /** Entry flag: the date came with a time (a FHIR dateTime), so a period bound's day does not make it uncertain. */
    static final int PRECISE = 1;
    /** Encounter flag: discharged to hospice care (Hospice's two discharge dispositions). */
    static final int HOSPICE_DISCHARGE = 2;
    /** Observation flag: it has a value of any type. */
    static final int HAS_VALUE = 4;
    /** Observation flag: a category is "imaging". */
    static final int IMAGING = 8;
    /** Observation flag: its value is SNOMED CT "Yes (qualifier value)". */
    static final int VALUE_YES = 16;
    /** Observation flag: its encounter exists and its class is none of CMS165's inpatient/emergency classes. */
    static final int OUTPATIENT_ENCOUNTER = 32;
    /** Observation flag: status final, amended or corrected (else preliminary, which only a symptom accepts). */
    static final int RESULT = 64;
    /** Observation flag: its value is SNOMED CT "Lives in nursing home (finding)". */
    static final int VALUE_NURSING_HOME = 128;
    /** Condition flag: a body site is SNOMED CT "Right (qualifier value)". */
    static final int RIGHT = 256;
    /** Condition flag: a body site is SNOMED CT "Left (qualifier value)". */
    static final int LEFT = 512;
    /** Order kinds: a DeviceRequest, ServiceRequest or MedicationRequest that the Status functions keep. */
    static final int DEVICE_ORDER = 1024;

    static final int SERVICE_ORDER = 2048;
    static final int MEDICATION_ORDER = 4096;

    // CMS117: its Status 1.13.000 and Hospice 6.15.000 keep what the other measures' Status 1.15.000 drops
    /** Encounter flag: status arrived, triaged, in-progress or onleave (performed for Status 1.13, not for 1.15). */
    static final int NOT_FINISHED = 8192;
    /** Condition flag: a verification status other than confirmed, unconfirmed, provisional, differential. */
    static final int UNVERIFIED = 16384;
    /** Order flag: a service or device order whose intent is an order kind other than plain {@code order}. */
    static final int INTENT_NOT_ORDER = 32768;
    // CMS153
    /** Entry flag: the entry came from a claim (CMS153 reads clinical data from {@link #cms153} instead). */
    static final int CLAIM = 65536;

    /** An entry's date when it has none of its own (see {@link #asOf}): kept at every day. */
    public static final int UNDATED = Integer.MIN_VALUE;

    final String memberId;
    final LocalDate birthDate;
    final String sex;
    final boolean hasClinicalData;

    int encounters;
    int[] encounterFlags = new int[4];
    int[] encounterFrom = new int[4];
    int[] encounterTo = new int[4];
    int[][] encounterCodes = new int[4][];

    int procedures;
    int[] procedureFlags = new int[4];
    int[] procedureFrom = new int[4];
    int[] procedureTo = new int[4];
    int[] procedureCode = new int[4];

    int diagnoses;
    int[] diagnosisFlags = new int[4];
    int[] diagnosisOnset = new int[4];
    int[] diagnosisAbatement = new int[4];
    int[] diagnosisCode = new int[4];

    /** Observations with status final, amended or corrected (the only ones any measure's Status function keeps). */
    int observations;

    int[] observationFlags = new int[4];
    int[][] observationCodes = new int[4][];
    /** start and end of {@code effective.toInterval()}; the end is {@code latest()} */
    int[] observationStart = new int[4];

    int[] observationEnd = new int[4];
    /** {@code value as Quantity}: NaN when the value is no Quantity */
    double[] observationQuantity = new double[4];
    /** the single systolic / diastolic component's value, NaN when there is none */
    double[] observationSystolic = new double[4];

    double[] observationDiastolic = new double[4];
    /** the value's codings (a CodeableConcept value), as terminology ids */
    int[][] observationValueCodes = new int[4][];

    /** Orders: device and service requests (authoredOn) and medication requests (medicationRequestPeriod). */
    int orders;

    int[] orderFlags = new int[4];
    int[][] orderCodes = new int[4][];
    int[] orderStart = new int[4];
    int[] orderEnd = new int[4];

    // CMS117
    /** Immunizations with status completed: the vaccine codes and the occurrence day. */
    int immunizations;

    int[] immunizationFlags = new int[4];
    int[][] immunizationCodes = new int[4][];
    int[] immunizationDay = new int[4];
    // CMS153
    /** {@code Patient.gender} as FHIR codes it (female, male, other, unknown), or null: CMS153 reads it, not sex. */
    String gender;
    /** The clinical data as CMS153's QI-Core 4.1.1 libraries keep it ({@link Cms153#add}); null without any. */
    MemberRecord cms153;

    // the day each entry is dated for the trend by month ({@link #asOf}; in parallel with the entries above)
    /** The day the entries added next are dated: {@link MonthMasks#dated} of the resource they come from. */
    int dated = UNDATED;
    /** The latest day an entry is dated. */
    int latestDated = UNDATED;

    int[] encounterDated = new int[4];
    int[] procedureDated = new int[4];
    int[] diagnosisDated = new int[4];
    int[] observationDated = new int[4];
    /** the day the observation's encounter is dated, when {@link #OUTPATIENT_ENCOUNTER} depends on it */
    int[] observationEncounterDated = new int[4];

    int[] orderDated = new int[4];
    int[] immunizationDated = new int[4];

    private final Terminology terminology;

    MemberRecord(Terminology terminology, String memberId, LocalDate birthDate, String sex, boolean hasClinicalData) {
        this.terminology = terminology;
        this.memberId = memberId;
        this.birthDate = birthDate;
        this.sex = sex;
        this.hasClinicalData = hasClinicalData;
        this.gender = "F".equals(sex) ? "female" : "M".equals(sex) ? "male" : "unknown"; // CMS153
    }

    Terminology terminology() {
        return terminology;
    }

    public String memberId() {
        return memberId;
    }

    /** Whether the member also has clinical FHIR resources (which this record does not carry). */
    public boolean hasClinicalData() {
        return hasClinicalData;
    }

    /**
     * Adds one claim: its service days ({@code from}–{@code to}, the first and last line dates, as the FHIR Encounter
     * made from the claim), the lines' CPT/HCPCS codes with each line's dates ({@code lineTo} null when the line has
     * one date), its ICD-10-CM diagnoses (prevalent over the claim's days) and ICD-10-PCS procedures.
     */
    public void claim(
            LocalDate from,
            LocalDate to,
            String[] lineCodes,
            LocalDate[] lineFrom,
            LocalDate[] lineTo,
            Iterable<String> diagnosisCodes,
            Iterable<String> pcsCodes) {
        if (from == null) return;
        int f = (int) from.toEpochDay();
        int t = (int) (to == null ? from : to).toEpochDay();
        int[] codes = new int[lineCodes.length];
        int kept = 0;
        for (int i = 0; i < lineCodes.length; i++) {
            if (lineCodes[i] == null) continue;
            int code = terminology.procedureCode(lineCodes[i]);
            if (code < 0) continue;
            codes[kept++] = code;
            // the line's Procedure is dated by its performed period's start, else its end (RecordAsOf)
            dated = lineFrom[i] != null
                    ? (int) lineFrom[i].toEpochDay()
                    : lineTo[i] != null ? (int) lineTo[i].toEpochDay() : UNDATED;
            addProcedure(
                    lineFrom[i] == null ? OPEN_END : (int) lineFrom[i].toEpochDay(),
                    lineTo[i] == null ? OPEN_END : (int) lineTo[i].toEpochDay(),
                    code,
                    CLAIM);
        }
        dated = f; // the claim's Encounter, ICD-10-PCS procedures and diagnoses: its first service day
        if (kept > 0) addEncounter(f, t, Arrays.copyOf(codes, kept), CLAIM);
        for (var pcs : pcsCodes) {
            int code = terminology.pcsCode(pcs);
            if (code >= 0) addProcedure(f, t, code, CLAIM);
        }
        for (var dx : diagnosisCodes) {
            int code = terminology.diagnosisCode(dx);
            if (code >= 0) addDiagnosis(f, t, code, CLAIM);
        }
        dated = UNDATED;
    }

    void addEncounter(int from, int to, int[] codes, int flags) {
        if (encounters == encounterFrom.length) {
            encounterFlags = Arrays.copyOf(encounterFlags, encounters * 2);
            encounterFrom = Arrays.copyOf(encounterFrom, encounters * 2);
            encounterTo = Arrays.copyOf(encounterTo, encounters * 2);
            encounterCodes = Arrays.copyOf(encounterCodes, encounters * 2);
            encounterDated = Arrays.copyOf(encounterDated, encounters * 2);
        }
        encounterDated[encounters] = date();
        encounterFlags[encounters] = flags;
        encounterFrom[encounters] = from;
        encounterTo[encounters] = to;
        encounterCodes[encounters++] = codes;
    }

    void addProcedure(int from, int to, int code, int flags) {
        if (procedures == procedureFrom.length) {
            procedureFlags = Arrays.copyOf(procedureFlags, procedures * 2);
            procedureFrom = Arrays.copyOf(procedureFrom, procedures * 2);
            procedureTo = Arrays.copyOf(procedureTo, procedures * 2);
            procedureCode = Arrays.copyOf(procedureCode, procedures * 2);
            procedureDated = Arrays.copyOf(procedureDated, procedures * 2);
        }
        procedureDated[procedures] = date();
        procedureFlags[procedures] = flags;
        procedureFrom[procedures] = from;
        procedureTo[procedures] = to;
        procedureCode[procedures++] = code;
    }

    void addDiagnosis(int onset, int abatement, int code, int flags) {
        if (diagnoses == diagnosisOnset.length) {
            diagnosisFlags = Arrays.copyOf(diagnosisFlags, diagnoses * 2);
            diagnosisOnset = Arrays.copyOf(diagnosisOnset, diagnoses * 2);
            diagnosisAbatement = Arrays.copyOf(diagnosisAbatement, diagnoses * 2);
            diagnosisCode = Arrays.copyOf(diagnosisCode, diagnoses * 2);
            diagnosisDated = Arrays.copyOf(diagnosisDated, diagnoses * 2);
        }
        diagnosisDated[diagnoses] = date();
        diagnosisFlags[diagnoses] = flags;
        diagnosisOnset[diagnoses] = onset;
        diagnosisAbatement[diagnoses] = abatement;
        diagnosisCode[diagnoses++] = code;
    }

    void addOrder(int[] codes, int start, int end, int flags) {
        if (orders == orderStart.length) {
            int n = orders * 2;
            orderFlags = Arrays.copyOf(orderFlags, n);
            orderCodes = Arrays.copyOf(orderCodes, n);
            orderStart = Arrays.copyOf(orderStart, n);
            orderEnd = Arrays.copyOf(orderEnd, n);
            orderDated = Arrays.copyOf(orderDated, n);
        }
        orderDated[orders] = date();
        orderFlags[orders] = flags;
        orderCodes[orders] = codes;
        orderStart[orders] = start;
        orderEnd[orders++] = end;
    }

    void addObservation(
            int[] codes,
            int[] valueCodes,
            int start,
            int end,
            int flags,
            double quantity,
            double systolic,
            double diastolic) {
        if (observations == observationStart.length) {
            int n = observations * 2;
            observationFlags = Arrays.copyOf(observationFlags, n);
            observationCodes = Arrays.copyOf(observationCodes, n);
            observationStart = Arrays.copyOf(observationStart, n);
            observationEnd = Arrays.copyOf(observationEnd, n);
            observationQuantity = Arrays.copyOf(observationQuantity, n);
            observationSystolic = Arrays.copyOf(observationSystolic, n);
            observationDiastolic = Arrays.copyOf(observationDiastolic, n);
            observationValueCodes = Arrays.copyOf(observationValueCodes, n);
            observationDated = Arrays.copyOf(observationDated, n);
            observationEncounterDated = Arrays.copyOf(observationEncounterDated, n);
        }
        observationDated[observations] = date();
        observationEncounterDated[observations] = UNDATED;
        observationValueCodes[observations] = valueCodes;
        observationFlags[observations] = flags;
        observationCodes[observations] = codes;
        observationStart[observations] = start;
        observationEnd[observations] = end;
        observationQuantity[observations] = quantity;
        observationSystolic[observations] = systolic;
        observationDiastolic[observations++] = diastolic;
    }

    // CMS117
    void addImmunization(int[] codes, int day, int flags) {
        if (immunizations == immunizationDay.length) {
            int n = immunizations * 2;
            immunizationFlags = Arrays.copyOf(immunizationFlags, n);
            immunizationCodes = Arrays.copyOf(immunizationCodes, n);
            immunizationDay = Arrays.copyOf(immunizationDay, n);
            immunizationDated = Arrays.copyOf(immunizationDated, n);
        }
        immunizationDated[immunizations] = date();
        immunizationFlags[immunizations] = flags;
        immunizationCodes[immunizations] = codes;
        immunizationDay[immunizations++] = day;
    }

    /** The last observation's {@link #OUTPATIENT_ENCOUNTER} holds only from the day its encounter is dated. */
    void observationEncounter(int encounterDated) {
        observationEncounterDated[observations - 1] = encounterDated;
        if (encounterDated > latestDated) latestDated = encounterDated;
    }

    /** {@link #dated}, keeping the latest. */
    private int date() {
        if (dated > latestDated) latestDated = dated;
        return dated;
    }

    /**
     * The record as it stood at the end of {@code day} (an epoch day): the entries dated on or before it and the
     * undated ones, in their order, as {@link FhirRecords} and {@link #claim} would have built it from the resources
     * {@code RecordAsOf} keeps (an observation's outpatient encounter counts only when that encounter is kept too).
     * The measure still runs for its whole period on it.
     */
    public MemberRecord asOf(int day) {
        var r = new MemberRecord(terminology, memberId, birthDate, sex, hasClinicalData);
        r.gender = gender;
        for (int i = 0; i < encounters; i++) {
            if ((r.dated = encounterDated[i]) <= day)
                r.addEncounter(encounterFrom[i], encounterTo[i], encounterCodes[i], encounterFlags[i]);
        }
        for (int i = 0; i < procedures; i++) {
            if ((r.dated = procedureDated[i]) <= day)
                r.addProcedure(procedureFrom[i], procedureTo[i], procedureCode[i], procedureFlags[i]);
        }
        for (int i = 0; i < diagnoses; i++) {
            if ((r.dated = diagnosisDated[i]) <= day)
                r.addDiagnosis(diagnosisOnset[i], diagnosisAbatement[i], diagnosisCode[i], diagnosisFlags[i]);
        }
        for (int i = 0; i < observations; i++) {
            if ((r.dated = observationDated[i]) > day) continue;
            int flags = observationFlags[i];
            if (observationEncounterDated[i] > day) flags &= ~OUTPATIENT_ENCOUNTER;
            r.addObservation(
                    observationCodes[i],
                    observationValueCodes[i],
                    observationStart[i],
                    observationEnd[i],
                    flags,
                    observationQuantity[i],
                    observationSystolic[i],
                    observationDiastolic[i]);
            r.observationEncounter(observationEncounterDated[i]);
        }
        for (int i = 0; i < orders; i++) {
            if ((r.dated = orderDated[i]) <= day) r.addOrder(orderCodes[i], orderStart[i], orderEnd[i], orderFlags[i]);
        }
        for (int i = 0; i < immunizations; i++) {
            if ((r.dated = immunizationDated[i]) <= day)
                r.addImmunization(immunizationCodes[i], immunizationDay[i], immunizationFlags[i]);
        }
        r.dated = UNDATED;
        if (cms153 != null) {
            var view = cms153.asOf(day);
            // Cms153.add keeps a view only when it holds an entry
            if (view.encounters + view.procedures + view.diagnoses + view.observations + view.orders > 0)
                r.cms153 = view;
        }
        return r;
    }

    /**
     * Bit {@code k} set when an entry is dated after {@code ends[k - 1]} and on or before {@code ends[k]} (bit 0: on
     * or before {@code ends[0]}, undated entries included): the month ends at which the record as of that day differs
     * from the record as of the one before. Entries dated after the last end set no bit.
     */
    public int changes(int[] ends) {
        int bits = 0;
        bits |= changes(ends, encounterDated, encounters);
        bits |= changes(ends, procedureDated, procedures);
        bits |= changes(ends, diagnosisDated, diagnoses);
        bits |= changes(ends, observationDated, observations);
        bits |= changes(ends, observationEncounterDated, observations);
        bits |= changes(ends, orderDated, orders);
        bits |= changes(ends, immunizationDated, immunizations);
        if (cms153 != null) bits |= cms153.changes(ends);
        return bits;
    }

    private static int changes(int[] ends, int[] dated, int n) {
        int bits = 0;
        for (int i = 0; i < n; i++) {
            int d = dated[i];
            if (d > ends[ends.length - 1]) continue;
            int k = 0;
            while (ends[k] < d) k++;
            bits |= 1 << k;
        }
        return bits;
    }

    /** The latest day an entry (or the CMS153 view's) is dated; {@link #UNDATED} for none. */
    public int latestDated() {
        return cms153 == null ? latestDated : Math.max(latestDated, cms153.latestDated());
    }
}
