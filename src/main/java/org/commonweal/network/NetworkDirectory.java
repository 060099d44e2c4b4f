package org.commonweal.network;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** What other modules may ask of the provider directory. */
public interface NetworkDirectory {

    /** The plan's networks, one or more per product line. */
    List<NetworkInfo> networks();

    /**
     * Streams every active, publicly listed in-network service location of a product line whose provider has one of
     * the NUCC taxonomy codes (practitioner roles by specialty, facilities by their own taxonomy), with coordinates.
     * An empty code set means every provider type.
     */
    void forEachServiceLocation(String productLine, Set<String> taxonomyCodes, Consumer<ServiceLocation> consumer);

    /** How many entries of each kind the directory holds, for dashboards. */
    DirectoryCounts counts();

    /**
     * Where and how to reach a practitioner, found by NPI (a member's PCP as enrollment names it): the first active,
     * publicly listed location, the one accepting new patients first. Empty when the directory does not list them.
     */
    java.util.Optional<PractitionerContact> practitionerByNpi(String npi);

    /**
     * {@link #practitionerByNpi} in bulk (one query whatever the number), with whether any of the practitioner's
     * listed roles is primary care (a specialty of the catalogue's PCP group). NPIs the directory does not list
     * (unknown, inactive, SB 137 hidden, no active location) are absent from the map.
     */
    java.util.Map<String, ListedPractitioner> listedPractitionersByNpi(java.util.Collection<String> npis);

    /** A practitioner the directory lists, as {@link #listedPractitionersByNpi} finds them. */
    record ListedPractitioner(String npi, PractitionerContact contact, boolean primaryCare) {}

    /**
     * A practitioner at one office as a member choosing a PCP needs it: whether they practise primary care there,
     * which product lines' networks they take there and whether they take new patients. Empty when the directory
     * does not list the practitioner at that office (inactive, hidden under SB 137, or no such role).
     */
    java.util.Optional<PractitionerOffice> practitionerOffice(String practitionerId, String locationId);

    /**
     * The directory entries that NPIs name, in bulk (one query per kind whatever the number): a practitioner
     * (type 1 NPI) or an organization (type 2; networks and payers excepted), the active entry first when the
     * directory holds more than one. NPIs the directory does not hold are absent from the map. Inactive and SB 137
     * hidden entries are linked too: a claim from last year names the provider who was in the directory then.
     */
    java.util.Map<String, DirectoryProvider> providersByNpi(java.util.Collection<String> npis);

    /** A directory entry an NPI names: {@code kind} is {@code Practitioner} or {@code Organization}. */
    record DirectoryProvider(String npi, String kind, String id, String name) {

        /** The FHIR reference, {@code Practitioner/<id>} or {@code Organization/<id>}. */
        public String reference() {
            return kind + "/" + id;
        }
    }

    /** See {@link #practitionerOffice}; {@code productLines} are directory product lines ({@code medi-cal} …). */
    record PractitionerOffice(
            String practitionerId,
            String npi,
            String name,
            String locationId,
            String locationName,
            String phone,
            String medicalGroup,
            List<String> productLines,
            boolean primaryCare,
            boolean acceptingNewPatients) {}

    /** A practitioner's name and one place to reach them, for a member's home page. */
    record PractitionerContact(
            String practitionerId,
            String name,
            String locationName,
            String address,
            String phone,
            String hours,
            String medicalGroup) {}

    /** A network of the plan. */
    record NetworkInfo(String id, String name, String productLine) {}

    /**
     * A place where an in-network provider sees members.
     *
     * @param providerKind {@code practitioner} or {@code organization}
     * @param providerId the Practitioner or Organization id
     * @param acceptingNewPatients whether the provider accepts new patients there
     */
    record ServiceLocation(
            String locationId,
            String providerKind,
            String providerId,
            String taxonomyCode,
            double latitude,
            double longitude,
            String postalCode,
            boolean acceptingNewPatients) {}

    record DirectoryCounts(long practitioners, long roles, long locations, long organizations, long networks) {}
}
