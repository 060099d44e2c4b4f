package org.commonweal.geography;

import java.util.Optional;

/**
 * Places a street address typed in one line ("1600 Vermont Ave, Los Angeles") on its street, from the address
 * ranges an operator loaded with {@code load-geocoder} (Census TIGER/Line). Empty when the text is not a house
 * number and street, no range holds the number on that side of the street, or the street is in several places and
 * the text names no city or ZIP that tells them apart: the caller then falls back to the ZIP or the place name.
 */
public interface StreetGeocoder {

    /** The precision a street match reports in {@link Geocoded#precision()}. */
    String PRECISION = "street";

    Optional<Geocoded> locate(String address);
}
