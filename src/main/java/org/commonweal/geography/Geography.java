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

    /**
     * The lowest and highest Service Planning Area number, as a form asking for one says them ("1 to 8"): from the
     * plan's SPA file, never written in a message or a check (issue #19).
     */
    default Range servicePlanningAreaNumbers() {
        var numbers = servicePlanningAreas().stream().mapToInt(Region::number).summaryStatistics();
        return new Range(numbers.getMin(), numbers.getMax());
    }

    /** The first and last of a numbered list of places. */
    record Range(int first, int last) {}

    /** The languages of the service area, threshold languages first as listed in the data file. */
    List<Language> languages();

    Optional<Language> language(String code);

    Optional<Region> rcacRegion(int number);

    /** ZIPs whose centroid lies within {@code miles} of {@code point}, nearest first (indexed search in PostgreSQL). */
    List<ZipDistance> zipsWithin(GeoPoint point, double miles);

    record ZipDistance(ZipArea zip, double miles) {}
}
