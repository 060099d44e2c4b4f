/**
 * The one FHIR R4 server at {@code /fhir}: modules contribute resource providers and interceptors as Spring beans.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "FHIR server",
        allowedDependencies = {"platform", "identity"})
package org.commonweal.fhir;
