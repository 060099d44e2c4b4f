package org.commonweal.geography;

import java.util.Optional;

/**
 * Turns an address into a point. The built-in one uses the ZIP centroid; a street-level geocoder can replace it by
 * declaring another bean of this type.
 */
public interface Geocoder {

    Optional<Geocoded> geocode(Address address);
}
