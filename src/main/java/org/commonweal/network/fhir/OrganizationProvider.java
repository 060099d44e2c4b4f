package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Organization;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of Organization; the parameters are in {@link PlanNetTables}. */
@Component
public class OrganizationProvider implements IResourceProvider {

    private final DirectorySearch directory;

    OrganizationProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<Organization> getResourceType() {
        return Organization.class;
    }

    @Read
    public Organization read(@IdParam IdType id) {
        return (Organization) directory.read("Organization", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("Organization", request.getParameters(), request.getFhirServerBase());
    }
}
