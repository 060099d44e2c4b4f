/**
 * Reference geography: ZIP codes with centroids, Service Planning Areas, advisory-committee regions, distances and
 * geocoding. Loaded from data files, so another plan's geography is configuration.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Geography",
        allowedDependencies = {"platform", "identity", "shell"})
package org.commonweal.geography;
