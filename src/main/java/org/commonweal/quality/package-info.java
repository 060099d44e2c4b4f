/**
 * Health care quality: claims and clinical data in, clinical quality measures (the CMS eCQMs, evaluated with the
 * measure stewards' own ELM) out, per member.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Quality",
        allowedDependencies = {
            "platform",
            "identity",
            "fhir",
            "audit",
            "shell",
            "coverage",
            "coverage::x12",
            "centers",
            "network",
            "demo"
        })
package org.commonweal.quality;
