package org.commonweal.network.fhir;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;

/** Public Plan-Net read and search of Location; the parameters are in {@link PlanNetTables}. */
@Component
public class LocationProvider implements IResourceProvider {

    private final DirectorySearch directory;

    LocationProvider(DirectorySearch directory) {
        this.directory = directory;
    }

    @Override
    public Class<Location> getResourceType() {
        return Location.class;
    }

    @Read
    public Location read(@IdParam IdType id) {
        return (Location) directory.read("Location", id.getIdPart());
    }

    @Search(allowUnknownParams = true)
    public Bundle search(RequestDetails request) {
        return directory.search("Location", request.getParameters(), request.getFhirServerBase());
    }
}
