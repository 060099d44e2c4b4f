/**
 * Coverage and eligibility: members, enrollment spans with history, product lines as data, X12 834 enrollment
 * ingest, eligibility answers by REST, X12 270/271 and FHIR, member services and member self-service.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Coverage",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell"})
package org.commonweal.coverage;
