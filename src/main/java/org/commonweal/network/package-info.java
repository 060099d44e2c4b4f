/**
 * The provider network directory: practitioners, organizations, locations, roles, services, networks, plans,
 * affiliations and endpoints; the public Find a Doctor pages, the public Plan-Net FHIR API, roster and Plan-Net
 * imports, the daily bulk export and the SB 137 accuracy work.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Provider network directory",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell", "fhir"})
package org.commonweal.network;
