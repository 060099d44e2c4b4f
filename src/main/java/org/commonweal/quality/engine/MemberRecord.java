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

    final String memberId;
    final LocalDate birthDate;
    final String sex;
    final boolean hasClinicalData;

    int encounters;
    int[] encounterFrom = new int[4];
    int[] encounterTo = new int[4];
    int[][] encounterCodes = new int[4][];

    int procedures;
    int[] procedureFrom = new int[4];
    int[] procedureTo = new int[4];
    int[] procedureCode = new int[4];

    int diagnoses;
    int[] diagnosisOnset = new int[4];
    int[] diagnosisAbatement = new int[4];
    int[] diagnosisCode = new int[4];

    private final Terminology terminology;

    MemberRecord(Terminology terminology, String memberId, LocalDate birthDate, String sex, boolean hasClinicalData) {
        this.terminology = terminology;
        this.memberId = memberId;
        this.birthDate = birthDate;
        this.sex = sex;
        this.hasClinicalData = hasClinicalData;
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
                    code);
        }
        if (kept > 0) addEncounter(f, t, Arrays.copyOf(codes, kept));
        for (var pcs : pcsCodes) {
            int code = terminology.pcsCode(pcs);
            if (code >= 0) addProcedure(f, t, code);
        }
        for (var dx : diagnosisCodes) {
            int code = terminology.diagnosisCode(dx);
            if (code >= 0) addDiagnosis(f, t, code);
        }
    }

    private void addEncounter(int from, int to, int[] codes) {
        if (encounters == encounterFrom.length) {
            encounterFrom = Arrays.copyOf(encounterFrom, encounters * 2);
            encounterTo = Arrays.copyOf(encounterTo, encounters * 2);
            encounterCodes = Arrays.copyOf(encounterCodes, encounters * 2);
        }
        encounterFrom[encounters] = from;
        encounterTo[encounters] = to;
        encounterCodes[encounters++] = codes;
    }

    private void addProcedure(int from, int to, int code) {
        if (procedures == procedureFrom.length) {
            procedureFrom = Arrays.copyOf(procedureFrom, procedures * 2);
            procedureTo = Arrays.copyOf(procedureTo, procedures * 2);
            procedureCode = Arrays.copyOf(procedureCode, procedures * 2);
        }
        procedureFrom[procedures] = from;
        procedureTo[procedures] = to;
        procedureCode[procedures++] = code;
    }

    private void addDiagnosis(int onset, int abatement, int code) {
        if (diagnoses == diagnosisOnset.length) {
            diagnosisOnset = Arrays.copyOf(diagnosisOnset, diagnoses * 2);
            diagnosisAbatement = Arrays.copyOf(diagnosisAbatement, diagnoses * 2);
            diagnosisCode = Arrays.copyOf(diagnosisCode, diagnoses * 2);
        }
        diagnosisOnset[diagnoses] = onset;
        diagnosisAbatement[diagnoses] = abatement;
        diagnosisCode[diagnoses++] = code;
    }
}
