package org.commonweal.coverage.internal;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.platform.PlanIdentity;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/CoverageEligibilityRequest}: answers at once with a CoverageEligibilityResponse (nothing is
 * stored; the answer is audited as a read of the member).
 */
@Component
class FhirEligibilityProvider implements IResourceProvider {

    private final Coverage coverage;
    private final PlanIdentity plan;
    private final ZoneId zone;

    FhirEligibilityProvider(Coverage coverage, PlanIdentity plan) {
        this.plan = plan;
        this.zone = plan.timeZone();
        this.coverage = coverage;
    }

    @Override
    public Class<CoverageEligibilityRequest> getResourceType() {
        return CoverageEligibilityRequest.class;
    }

    @Create
    public MethodOutcome submit(@ResourceParam CoverageEligibilityRequest request) {
        if (!request.hasPatient() || request.getPatient().getReferenceElement().getIdPart() == null) {
            throw new InvalidRequestException("CoverageEligibilityRequest.patient must reference Patient/{memberId}");
        }
        String memberId = request.getPatient().getReferenceElement().getIdPart();
        // no servicedDate: today in the plan's time zone, decided by the one eligibility path
        LocalDate asked = request.hasServicedDateType()
                ? FhirMapping.localDate(request.getServicedDateType().getValue(), zone)
                : null;
        Eligibility e = coverage.eligibility(
                        List.of(new EligibilityInquiry(memberId, asked)), "eligibility inquiry (FHIR)")
                .get(0)
                .orElseThrow(() -> new UnprocessableEntityException("no member " + memberId));
        LocalDate date = e.date();

        var response = new CoverageEligibilityResponse();
        response.setId(java.util.UUID.randomUUID().toString());
        response.setStatus(CoverageEligibilityResponse.EligibilityResponseStatus.ACTIVE);
        response.addPurpose(CoverageEligibilityResponse.EligibilityResponsePurpose.VALIDATION);
        response.setPatient(new Reference("Patient/" + memberId));
        response.setCreated(new Date());
        response.setServiced(new org.hl7.fhir.r4.model.DateType(FhirMapping.date(date, zone)));
        response.setOutcome(org.hl7.fhir.r4.model.Enumerations.RemittanceOutcome.COMPLETE);
        response.setInsurer(FhirMapping.payer(plan));
        if (request.hasId()) {
            response.setRequest(new Reference(
                    "CoverageEligibilityRequest/" + request.getIdElement().getIdPart()));
        }
        var insurance = response.addInsurance().setInforce(e.active());
        if (e.active()) {
            insurance.setCoverage(new Reference("Coverage/" + e.span().id())
                    .setDisplay(
                            e.productLine() == null
                                    ? e.span().planCode()
                                    : e.productLine().name()));
            insurance
                    .addItem()
                    .setCategory(new CodeableConcept()
                            .addCoding(new Coding(
                                    "http://terminology.hl7.org/CodeSystem/ex-benefitcategory",
                                    "30",
                                    "Health Benefit Plan Coverage")));
        }
        var outcome = new MethodOutcome(new IdType(
                "CoverageEligibilityResponse", response.getIdElement().getIdPart()));
        outcome.setResource(response);
        outcome.setCreated(true);
        return outcome;
    }
}
