package org.commonweal.coverage.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/** {@code GET /fhir/Patient/{memberId}}: a member as a FHIR Patient, for provider systems with a token. */
@Component
class FhirPatientProvider implements IResourceProvider {

    private final Members members;
    private final AuditTrail audit;

    FhirPatientProvider(Members members, AuditTrail audit) {
        this.members = members;
        this.audit = audit;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        MemberRecord m = members.byId(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
        audit.record(AuditEntry.read("member", m.memberId(), m.memberId(), "FHIR Patient read"));
        return FhirMapping.patient(m);
    }
}
