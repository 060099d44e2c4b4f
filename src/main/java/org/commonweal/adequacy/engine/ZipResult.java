package org.commonweal.adequacy.engine;

/** How the members of one product line living in one ZIP fare against the standard of one provider type. */
public record ZipResult(
        String productLine,
        String providerType,
        String zip,
        int spa,
        int rcacRegion,
        int members,
        int met,
        int metByMiles,
        int metByMinutes,
        int metByAlternative,
        double maxMiles,
        double sumMiles) {

    public int notMet() {
        return members - met;
    }
}
