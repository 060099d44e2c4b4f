package org.commonweal.network;

import java.util.List;

/**
 * A service location of the directory changed in a way that matters for network adequacy: the location itself
 * (added, moved, made inactive) or the active, network or specialty of the practitioner roles or facility
 * affiliations listed there (including SB 137 hiding and unhiding of practitioners). Published within the changing
 * transaction (Spring Modulith event publication), with the location's state after the change; listeners re-read
 * what they need through {@link NetworkDirectory}.
 *
 * <p>Published by network-manager edits, roster imports, Plan-Net imports and SB 137 hide/unhide, once per location
 * whose state below actually changed.
 *
 * @param locationId the Location id (as in {@code /fhir/Location/{id}})
 * @param networkProductLines the product lines in which something is publicly listed at this location now, sorted:
 *        the network module's codes {@code medi-cal} (Medi-Cal), {@code medicare} (Medicare Plus, D-SNP),
 *        {@code covered-ca} (Covered California) and {@code pasc-sein} (PASC-SEIU Homecare Workers; the code is
 *        spelled {@code pasc-sein} throughout the network module, its roster column and the adequacy module's
 *        product table)
 * @param taxonomyCodes the NUCC taxonomy codes listed here now, sorted: the specialties of the active, visible
 *        practitioner roles and the taxonomy of facilities in network here
 * @param latitude the location's latitude, or null when unknown or removed
 * @param longitude the location's longitude, or null when unknown or removed
 * @param removed true when the location no longer exists or is inactive, or nothing in network is listed there any
 *        more (then both lists are empty)
 */
public record LocationChanged(
        String locationId,
        List<String> networkProductLines,
        List<String> taxonomyCodes,
        Double latitude,
        Double longitude,
        boolean removed) {

    public LocationChanged {
        networkProductLines = List.copyOf(networkProductLines);
        taxonomyCodes = List.copyOf(taxonomyCodes);
    }
}
