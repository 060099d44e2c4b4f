package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OrganizationAffiliation;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of OrganizationAffiliation; the parameters are in {@link PlanNetTables}. */
@Component
public class OrganizationAffiliationProvider implements IResourceProvider {

    private final DirectorySearch directory;

    OrganizationAffiliationProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<OrganizationAffiliation> getResourceType() {
        return OrganizationAffiliation.class;
    }

    @Read
    public OrganizationAffiliation read(@IdParam IdType id) {
        return (OrganizationAffiliation) directory.read("OrganizationAffiliation", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("OrganizationAffiliation", request.getParameters(), request.getFhirServerBase());
    }
}
