package org.commonweal.coverage.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.platform.PlanIdentity;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@code /fhir/Coverage}: one Coverage per enrollment span, searched by member. */
@Component
class FhirCoverageProvider implements IResourceProvider {

    private final Members members;
    private final JdbcCoverage coverage;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final PlanIdentity plan;

    FhirCoverageProvider(Members members, JdbcCoverage coverage, JdbcClient jdbc, AuditTrail audit, PlanIdentity plan) {
        this.plan = plan;
        this.members = members;
        this.coverage = coverage;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public Class<Coverage> getResourceType() {
        return Coverage.class;
    }

    @Read
    public Coverage read(@IdParam IdType id) {
        long spanId;
        try {
            spanId = Long.parseLong(id.getIdPart());
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException(id);
        }
        String memberId = jdbc.sql("select member_id from coverage.enrollment_span where id = ?")
                .param(spanId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new ResourceNotFoundException(id));
        return forMember(memberId, null).stream()
                .filter(c -> c.getIdPart().equals(String.valueOf(spanId)))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Coverage> search(
            @OptionalParam(name = Coverage.SP_BENEFICIARY) ReferenceParam beneficiary,
            @OptionalParam(name = Coverage.SP_PATIENT) ReferenceParam patient,
            @OptionalParam(name = Coverage.SP_IDENTIFIER) TokenParam identifier,
            @OptionalParam(name = Coverage.SP_STATUS) TokenParam status) {
        String memberId = beneficiary != null
                ? beneficiary.getIdPart()
                : patient != null ? patient.getIdPart() : identifier != null ? identifier.getValue() : null;
        if (memberId == null) {
            throw new InvalidRequestException("search Coverage by beneficiary, patient or identifier");
        }
        if (identifier != null
                && identifier.getSystem() != null
                && identifier.getSystem().equals(FhirMapping.CIN_SYSTEM)) {
            memberId = members.byCin(identifier.getValue())
                    .map(MemberRecord::memberId)
                    .orElse(null);
            if (memberId == null) {
                return List.of();
            }
        }
        return forMember(memberId, status == null ? null : status.getValue());
    }

    private List<Coverage> forMember(String memberId, String status) {
        Optional<MemberRecord> member = members.byId(memberId);
        if (member.isEmpty()) {
            return List.of();
        }
        audit.record(AuditEntry.read("enrollment-span", memberId, memberId, "FHIR Coverage search"));
        List<Coverage> result = new ArrayList<>();
        for (EnrollmentSpan s : members.spans(memberId)) {
            Coverage c = FhirMapping.coverage(s, member.get(), coverage.productLine(s.productLine()), plan);
            if (status == null || c.getStatus().toCode().equals(status)) {
                result.add(c);
            }
        }
        return result;
    }
}
