package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Endpoint;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of Endpoint; the parameters are in {@link PlanNetTables}. */
@Component
public class EndpointProvider implements IResourceProvider {

    private final DirectorySearch directory;

    EndpointProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<Endpoint> getResourceType() {
        return Endpoint.class;
    }

    @Read
    public Endpoint read(@IdParam IdType id) {
        return (Endpoint) directory.read("Endpoint", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("Endpoint", request.getParameters(), request.getFhirServerBase());
    }
}
