package org.commonweal.fhir;

/**
 * Marks a Spring bean the FHIR server registers as a plain (server-level) provider, for interactions on the server's
 * base rather than on one resource type, such as a transaction or batch Bundle posted to {@code /fhir}.
 */
public interface FhirSystemProvider {}
