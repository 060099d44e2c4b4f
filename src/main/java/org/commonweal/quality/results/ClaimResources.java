package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.coverage.MemberSummary;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A member's current claims as the FHIR R4 resources the eCQMs retrieve: the Patient (sex and birth date from
 * coverage, sex also as the US Core sex extension), one finished Encounter per claim typed with its lines' CPT/HCPCS codes, one completed Procedure per
 * coded line and ICD-10-PCS code, and one confirmed encounter-diagnosis Condition per ICD-10-CM code, prevalent on
 * the claim's service days. The code systems are the ones the published value sets use.
 */
final class ClaimResources {

    static final String CPT = "http://www.ama-assn.org/go/cpt";
    static final String HCPCS = "http://www.nlm.nih.gov/research/umls/hcpcs";
    static final String HCPCS_CMS = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets";
    static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ICD10_PCS = "http://www.cms.gov/Medicare/Coding/ICD10";
    static final String US_CORE_SEX = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex";

    /** One stored claim with its lines, as read for a member. */
    record StoredClaim(
            String claimNumber,
            char form,
            LocalDate from,
            LocalDate to,
            List<String> diagnoses,
            List<String> icd10Procedures,
            List<StoredLine> lines) {}

    /**
     * One service line; {@code revenueCode} (837I) and {@code practitionerNpi} (the visit's provider for attribution:
     * the line's rendering NPI, else the claim's rendering NPI, else its billing NPI, and only when the 837 import
     * linked that NPI to a directory Practitioner) are read by the run's claims read ({@link ClaimCopy}) for
     * {@link ClaimPlurality}; the other reads leave them null.
     */
    record StoredLine(
            int number,
            LocalDate from,
            LocalDate to,
            String procedureCode,
            String revenueCode,
            String practitionerNpi) {

        StoredLine(int number, LocalDate from, LocalDate to, String procedureCode) {
            this(number, from, to, procedureCode, null, null);
        }
    }

    private ClaimResources() {}

    static List<Resource> of(MemberSummary member, List<StoredClaim> claims) {
        var resources = new ArrayList<Resource>();
        var patient = new Patient();
        patient.setId(member.memberId());
        patient.setGender(
                switch (member.sex() == null ? "" : member.sex()) {
                    case "F" -> AdministrativeGender.FEMALE;
                    case "M" -> AdministrativeGender.MALE;
                    default -> AdministrativeGender.UNKNOWN;
                });
        // QI-Core 6 measures read sex from the US Core sex extension (SNOMED CT), not from gender (CMS125's
        // "Patient.sex = '248152002'")
        var sex = switch (member.sex() == null ? "" : member.sex()) {
            case "F" -> "248152002";
            case "M" -> "248153007";
            default -> null;
        };
        if (sex != null) patient.addExtension(US_CORE_SEX, new CodeType(sex));
        if (member.birthDate() != null)
            patient.setBirthDateElement(new DateType(member.birthDate().toString()));
        resources.add(patient);
        var subject = new Reference("Patient/" + member.memberId());
        for (var claim : claims) {
            var encounter = new Encounter();
            encounter.setId("claim-" + claim.claimNumber());
            encounter.setStatus(Encounter.EncounterStatus.FINISHED);
            encounter.setClass_(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ActCode", claim.form() == 'I' ? "IMP" : "AMB", null));
            encounter.setSubject(subject);
            encounter.setPeriod(period(first(claim), last(claim)));
            var type = new CodeableConcept();
            for (var line : claim.lines()) {
                if (line.procedureCode() == null) continue;
                codings(line.procedureCode()).forEach(type::addCoding);
                var procedure = procedure(
                        claim.claimNumber() + "-" + line.number(),
                        subject,
                        codings(line.procedureCode()),
                        period(line.from(), line.to()));
                resources.add(procedure);
            }
            encounter.addType(type);
            resources.add(encounter);
            int n = 0;
            for (var pcs : claim.icd10Procedures()) {
                resources.add(procedure(
                        claim.claimNumber() + "-pcs" + (++n),
                        subject,
                        List.of(new Coding(ICD10_PCS, pcs, null)),
                        period(first(claim), last(claim))));
            }
            n = 0;
            for (var dx : claim.diagnoses()) {
                var condition = new Condition();
                condition.setId("claim-" + claim.claimNumber() + "-dx" + (++n));
                condition.setSubject(subject);
                condition.setEncounter(new Reference("Encounter/" + encounter.getId()));
                condition.addCategory(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", null)));
                condition.setClinicalStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
                condition.setVerificationStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null)));
                condition.setCode(new CodeableConcept(new Coding(ICD10_CM, dotted(dx), null)));
                condition.setOnset(new DateTimeType(first(claim).toString()));
                condition.setAbatement(new DateTimeType(last(claim).toString()));
                resources.add(condition);
            }
        }
        return resources;
    }

    private static Procedure procedure(String id, Reference subject, List<Coding> codes, Period performed) {
        var procedure = new Procedure();
        procedure.setId("claim-" + id);
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setSubject(subject);
        var code = new CodeableConcept();
        codes.forEach(code::addCoding);
        procedure.setCode(code);
        procedure.setPerformed(performed);
        return procedure;
    }

    /** CPT (five digits, or four and F/T for categories II and III) or HCPCS level II (a letter and four digits). */
    static List<Coding> codings(String code) {
        if (code.matches("\\d{4}[0-9FT]")) return List.of(new Coding(CPT, code, null));
        return List.of(new Coding(HCPCS, code, null), new Coding(HCPCS_CMS, code, null));
    }

    /** ICD-10-CM codes travel without the dot in X12 and with it in FHIR and the value sets. */
    static String dotted(String code) {
        return code.length() > 3 && code.indexOf('.') < 0 ? code.substring(0, 3) + "." + code.substring(3) : code;
    }

    static LocalDate first(StoredClaim claim) {
        return claim.lines().stream()
                .map(StoredLine::from)
                .filter(d -> d != null)
                .min(LocalDate::compareTo)
                .orElse(claim.from());
    }

    static LocalDate last(StoredClaim claim) {
        return claim.lines().stream()
                .map(l -> l.to() != null ? l.to() : l.from())
                .filter(d -> d != null)
                .max(LocalDate::compareTo)
                .orElse(claim.to() != null ? claim.to() : first(claim));
    }

    private static Period period(LocalDate from, LocalDate to) {
        var period = new Period();
        if (from != null) period.setStartElement(new DateTimeType(from.toString()));
        if (to != null) period.setEndElement(new DateTimeType(to.toString()));
        return period;
    }
}
