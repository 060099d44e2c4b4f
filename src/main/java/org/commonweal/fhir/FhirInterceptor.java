package org.commonweal.fhir;

/**
 * Marks a Spring bean whose HAPI {@code @Hook} methods the FHIR server registers as an interceptor, for example to
 * complete the CapabilityStatement ({@code SERVER_CAPABILITY_STATEMENT_GENERATED}).
 */
public interface FhirInterceptor {}
