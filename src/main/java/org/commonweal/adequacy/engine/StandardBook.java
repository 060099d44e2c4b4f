package org.commonweal.adequacy.engine;

import java.util.Map;
import org.commonweal.geography.ZipArea;

/**
 * The standards in force on a measurement date: by product line, county tier and provider type; the approved
 * alternative standards by product line, ZIP and provider type; the tier of each county.
 */
public record StandardBook(
        Map<String, Standard> standards,
        Map<String, Standard> alternatives,
        Map<String, String> countyTiers,
        String defaultTier) {

    public static String key(String productLine, String tierOrZip, String providerType) {
        return productLine + '|' + tierOrZip + '|' + providerType;
    }

    public String tier(ZipArea zip) {
        return zip == null ? defaultTier : countyTiers.getOrDefault(zip.countyFips(), defaultTier);
    }

    /** The standard for a residence ZIP, or null when none is configured. */
    public Standard standard(String productLine, ZipArea zip, String providerType) {
        return standards.get(key(productLine, tier(zip), providerType));
    }

    public Standard alternative(String productLine, String zip, String providerType) {
        return alternatives.get(key(productLine, zip, providerType));
    }
}
