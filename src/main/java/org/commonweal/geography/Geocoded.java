package org.commonweal.geography;

/**
 * Where an address is, and how precisely.
 *
 * @param precision {@code zip-centroid} for the ZIP-centroid geocoder; a street-level geocoder says {@code rooftop}
 *     or {@code street}
 */
public record Geocoded(GeoPoint point, String zip, Integer spa, Integer rcacRegion, String precision) {}
