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
            addProcedure(
                    lineFrom[i] == null ? OPEN_END : (int) lineFrom[i].toEpochDay(),
                    lineTo[i] == null ? OPEN_END : (int) lineTo[i].toEpochDay(),
                    code,
                    CLAIM);
        }
        if (kept > 0) addEncounter(f, t, Arrays.copyOf(codes, kept), CLAIM);
        for (var pcs : pcsCodes) {
            int code = terminology.pcsCode(pcs);
            if (code >= 0) addProcedure(f, t, code, CLAIM);
        }
        for (var dx : diagnosisCodes) {
            int code = terminology.diagnosisCode(dx);
            if (code >= 0) addDiagnosis(f, t, code, CLAIM);
        }
    }

    void addEncounter(int from, int to, int[] codes, int flags) {
        if (encounters == encounterFrom.length) {
            encounterFlags = Arrays.copyOf(encounterFlags, encounters * 2);
            encounterFrom = Arrays.copyOf(encounterFrom, encounters * 2);
            encounterTo = Arrays.copyOf(encounterTo, encounters * 2);
            encounterCodes = Arrays.copyOf(encounterCodes, encounters * 2);
        }
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
        }
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
        }
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
        }
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
        }
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
        }
        immunizationFlags[immunizations] = flags;
        immunizationCodes[immunizations] = codes;
        immunizationDay[immunizations++] = day;
    }
}
