package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of Practitioner; the parameters are in {@link PlanNetTables}. */
@Component
public class PractitionerProvider implements IResourceProvider {

    private final DirectorySearch directory;

    PractitionerProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<Practitioner> getResourceType() {
        return Practitioner.class;
    }

    @Read
    public Practitioner read(@IdParam IdType id) {
        return (Practitioner) directory.read("Practitioner", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("Practitioner", request.getParameters(), request.getFhirServerBase());
    }
}
