package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of PractitionerRole; the parameters are in {@link PlanNetTables}. */
@Component
public class PractitionerRoleProvider implements IResourceProvider {

    private final DirectorySearch directory;

    PractitionerRoleProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<PractitionerRole> getResourceType() {
        return PractitionerRole.class;
    }

    @Read
    public PractitionerRole read(@IdParam IdType id) {
        return (PractitionerRole) directory.read("PractitionerRole", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("PractitionerRole", request.getParameters(), request.getFhirServerBase());
    }
}
