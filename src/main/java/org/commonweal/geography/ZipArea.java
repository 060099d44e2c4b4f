package org.commonweal.geography;

/** A ZIP code of the plan's service area with its centroid, SPA and advisory-committee region. */
public record ZipArea(
        String zip, GeoPoint centroid, String city, String countyFips, int spa, int rcacRegion, int populationWeight) {}
