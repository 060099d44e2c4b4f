package org.commonweal.memberhome.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.network.Specialties;
import org.springframework.stereotype.Component;

/**
 * Where a member can go for what a care gap asks: the nearest in-network practitioner of the right specialty who
 * takes new patients there, from the centroid of the member's ZIP, through network's and geography's facades.
 * The specialties per measure are data here (NUCC codes of the directory's specialty catalog).
 */
@Component
class DueCarePlaces {

    /** Measure → the specialties that do it. */
    static final Map<String, Set<String>> SPECIALTIES = Map.of(
            "CMS117", Set.of("208000000X"), // pediatrician
            "CMS122", Set.of("207Q00000X", "207R00000X"), // family doctor, internist
            "CMS124", Set.of("207V00000X"), // OB/GYN
            "CMS125", Set.of("2085R0202X"), // radiologist (mammography)
            "CMS130", Set.of("207RG0100X"), // gastroenterologist (colonoscopy)
            "CMS153", Set.of("207V00000X"), // OB/GYN
            "CMS165", Set.of("207Q00000X", "207R00000X")); // family doctor, internist

    /** A place to go, with the specialty in plain words in English and Spanish. */
    record Place(
            String practitionerId,
            String name,
            String locationName,
            String phone,
            double miles,
            String specialtyEn,
            String specialtyEs) {

        public String specialty(String language) {
            return "es".equals(language) ? specialtyEs : specialtyEn;
        }
    }

    private final NetworkDirectory directory;
    private final Geography geography;

    DueCarePlaces(NetworkDirectory directory, Geography geography) {
        this.directory = directory;
        this.geography = geography;
    }

    /** The nearest place for a measure, from the member's ZIP, in a directory product line ({@code medi-cal} …). */
    Optional<Place> nearest(String measureId, String zip, String directoryProductLine) {
        var codes = SPECIALTIES.get(measureId);
        if (codes == null || zip == null || directoryProductLine == null) return Optional.empty();
        var from = geography.zip(zip).map(z -> z.centroid()).orElse(null);
        if (from == null) return Optional.empty();
        var best = new NetworkDirectory.ServiceLocation[1];
        var bestMiles = new double[] {Double.MAX_VALUE};
        directory.forEachServiceLocation(directoryProductLine, codes, location -> {
            if (!location.acceptingNewPatients() || !"Practitioner".equalsIgnoreCase(location.providerKind())) return;
            double miles = from.milesTo(new GeoPoint(location.latitude(), location.longitude()));
            if (miles < bestMiles[0]) {
                bestMiles[0] = miles;
                best[0] = location;
            }
        });
        if (best[0] == null) return Optional.empty();
        var specialty = Specialties.catalog().byCode(best[0].taxonomyCode());
        return directory
                .practitionerOffice(best[0].providerId(), best[0].locationId())
                .map(office -> new Place(
                        office.practitionerId(),
                        office.name(),
                        office.locationName(),
                        office.phone(),
                        bestMiles[0],
                        specialty.map(s -> s.plainEnglish()).orElse(""),
                        specialty.map(s -> s.plainSpanish()).orElse("")));
    }
}
