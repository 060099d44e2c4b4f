package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InsurancePlan;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of InsurancePlan; the parameters are in {@link PlanNetTables}. */
@Component
public class InsurancePlanProvider implements IResourceProvider {

    private final DirectorySearch directory;

    InsurancePlanProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<InsurancePlan> getResourceType() {
        return InsurancePlan.class;
    }

    @Read
    public InsurancePlan read(@IdParam IdType id) {
        return (InsurancePlan) directory.read("InsurancePlan", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("InsurancePlan", request.getParameters(), request.getFhirServerBase());
    }
}
