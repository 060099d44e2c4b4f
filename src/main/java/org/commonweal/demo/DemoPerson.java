package org.commonweal.demo;

import java.time.LocalDate;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;

/**
 * A synthetic resident of the service area.
 *
 * @param sex {@code F} or {@code M}
 * @param language ISO 639 code of the preferred language (see the geography module's languages)
 * @param raceEthnicity {@code hispanic}, {@code white}, {@code black}, {@code asian} or {@code other}
 * @param home a point near the ZIP centroid
 */
public record DemoPerson(
        String firstName,
        String lastName,
        String sex,
        LocalDate birthDate,
        String language,
        String raceEthnicity,
        String street,
        ZipArea zip,
        GeoPoint home) {}
