package org.commonweal.quality.supplemental;

import ca.uhn.fhir.context.FhirContext;
import java.util.Date;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.centers.ScreeningRecorded;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.results.MemberRecompute;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Screenings recorded at Community Resource Centers as supplemental data. Only the blood pressure counts in a measure
 * here: CMS165 (Controlling High Blood Pressure) takes any final blood pressure reading in the period that was not
 * taken during an inpatient stay or an emergency visit, so a center reading is one. Glucose and BMI are kept by centers
 * but no measure of the set accepts them (CMS122 needs an HbA1c result). Each screening becomes its own source
 * ({@code center-screening:<id>}), withdrawable like any other, and the member's measures are recomputed.
 */
@Component
class CenterScreenings {

    static final String PURPOSE = "quality: center screening as supplemental data";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";

    private final JdbcClient jdbc;
    private final Coverage coverage;
    private final AuditTrail audit;
    private final MemberRecompute recompute;

    CenterScreenings(JdbcClient jdbc, Coverage coverage, AuditTrail audit, MemberRecompute recompute) {
        this.jdbc = jdbc;
        this.coverage = coverage;
        this.audit = audit;
        this.recompute = recompute;
    }

    /**
     * After the screening's transaction committed, in its own; the event publication registry redelivers it when
     * this fails, and a screening already stored is not stored twice.
     */
    @ApplicationModuleListener
    void on(ScreeningRecorded screening) {
        if (screening.systolic() == null || screening.diastolic() == null) return;
        if (coverage.findMember(screening.memberId(), PURPOSE).isEmpty()) return;
        var name = "center-screening:" + screening.screeningId();
        var sourceId = jdbc.sql("""
                insert into quality.clinical_source (name, format, received_by, resources) values (?, 'center-screening',
                  ?, 1) on conflict (name) where format = 'center-screening' do nothing returning id""")
                .params(name, "centers:" + screening.centerCode())
                .query(Long.class)
                .optional();
        if (sourceId.isEmpty()) return;
        var observation = bloodPressure(screening);
        jdbc.sql("""
                insert into quality.clinical_resource (source_id, line_number, member_id, resource_type, resource_id,
                    resource_json) values (?, 1, ?, 'Observation', ?, ?)""")
                .params(
                        sourceId.get(),
                        screening.memberId(),
                        observation.getIdElement().getIdPart(),
                        FhirContext.forR4Cached().newJsonParser().encodeResourceToString(observation))
                .update();
        audit.record(AuditEntry.change(
                AuditAction.IMPORT,
                "clinical-source",
                Long.toString(sourceId.get()),
                screening.memberId(),
                PURPOSE,
                "blood pressure from " + name));
        recompute.recompute(screening.memberId());
    }

    /** The US Core blood pressure profile: panel 85354-9 with systolic 8480-6 and diastolic 8462-4 in mm[Hg]. */
    static Observation bloodPressure(ScreeningRecorded screening) {
        var observation = new Observation();
        observation.setId("center-screening-" + screening.screeningId());
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, "85354-9", "Blood pressure panel")));
        observation.setSubject(new Reference("Patient/" + screening.memberId()));
        observation.setEffective(new DateTimeType(Date.from(screening.measuredAt())));
        observation.addComponent(component("8480-6", "Systolic blood pressure", screening.systolic()));
        observation.addComponent(component("8462-4", "Diastolic blood pressure", screening.diastolic()));
        return observation;
    }

    private static Observation.ObservationComponentComponent component(String code, String display, int value) {
        return new Observation.ObservationComponentComponent(new CodeableConcept(new Coding(LOINC, code, display)))
                .setValue(new Quantity()
                        .setValue(value)
                        .setUnit("mm[Hg]")
                        .setSystem(UCUM)
                        .setCode("mm[Hg]"));
    }
}
