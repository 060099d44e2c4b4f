/**
 * Network adequacy: whether every member lives within the time-or-distance standards of an in-network provider of
 * each type, by product line, provider type and place; standards as data, stored runs, incremental updates, pages,
 * exports and a headless command.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Network adequacy",
        allowedDependencies = {"platform", "identity", "audit", "geography", "demo", "shell", "coverage", "network"})
package org.commonweal.adequacy;
