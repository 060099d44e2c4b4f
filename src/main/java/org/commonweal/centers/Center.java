package org.commonweal.centers;

import java.util.List;

/** A Community Resource Center. {@code hours} is in opening-hours notation, e.g. {@code Mo-Fr 09:00-17:00}. */
public record Center(
        int id,
        String code,
        String name,
        String addressLine,
        String city,
        String zip,
        double latitude,
        double longitude,
        int spa,
        String phone,
        String hours,
        String partners,
        List<String> rooms,
        List<String> services) {

    /** A map search for the address (no API key, works on any device). */
    public String mapLink() {
        return "https://www.openstreetmap.org/search?query="
                + java.net.URLEncoder.encode(
                        addressLine.replace("*", "") + ", " + city + ", CA " + zip,
                        java.nio.charset.StandardCharsets.UTF_8);
    }

    public String displayAddress() {
        return addressLine.replace("*", "") + ", " + city + ", CA " + zip;
    }
}
