package org.commonweal.network;

import java.util.List;

/**
 * A service location or its roles changed: where it is now, the directory product lines ({@code medi-cal} …) and
 * NUCC taxonomy codes it serves now, or {@code removed} when it left the directory. Published after the change
 * commits, for modules that keep derived results current (network adequacy).
 */
public record LocationChanged(String locationId, List<String> networkProductLines, List<String> taxonomyCodes,
        Double latitude, Double longitude, boolean removed) {
}
