package org.commonweal.geography;

import java.util.List;
import java.util.Optional;

/** The plan's reference geography. */
public interface Geography {

    Optional<ZipArea> zip(String zip);

    /** Every ZIP of the service area, ordered by ZIP. */
    List<ZipArea> zips();

    List<Region> servicePlanningAreas();

    List<Region> rcacRegions();

    Optional<Region> servicePlanningArea(int number);

    /** The languages of the service area, threshold languages first as listed in the data file. */
    List<Language> languages();

    Optional<Language> language(String code);

    Optional<Region> rcacRegion(int number);

    /** ZIPs whose centroid lies within {@code miles} of {@code point}, nearest first (indexed search in PostgreSQL). */
    List<ZipDistance> zipsWithin(GeoPoint point, double miles);

    record ZipDistance(ZipArea zip, double miles) {}
}
