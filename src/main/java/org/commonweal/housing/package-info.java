/**
 * Housing for Health: HMIS-aligned case management (clients, enrollments, caseloads, contacts, tasks,
 * coordinated entry), rental subsidies paid from capped funding sources, outcomes and the HUD HMIS CSV exchange.
 * Clients refer to coverage members by id; coverage spans are read through the coverage facade only.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Housing for Health",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell", "coverage"})
package org.commonweal.housing;
