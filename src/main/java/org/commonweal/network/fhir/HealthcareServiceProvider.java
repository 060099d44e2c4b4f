package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.HealthcareService;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of HealthcareService; the parameters are in {@link PlanNetTables}. */
@Component
public class HealthcareServiceProvider implements IResourceProvider {

    private final DirectorySearch directory;

    HealthcareServiceProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<HealthcareService> getResourceType() {
        return HealthcareService.class;
    }

    @Read
    public HealthcareService read(@IdParam IdType id) {
        return (HealthcareService) directory.read("HealthcareService", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("HealthcareService", request.getParameters(), request.getFhirServerBase());
    }
}
