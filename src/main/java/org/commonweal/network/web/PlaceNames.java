package org.commonweal.network.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.springframework.stereotype.Component;

/**
 * Cities and neighbourhoods of the service area by name, from the ZIP reference data (each ZIP's USPS place name:
 * "Pasadena", "North Hollywood", "San Pedro"). A name stands for the population-weighted centre of its ZIPs. Case,
 * accents, extra spaces and a trailing ", CA" do not matter.
 */
@Component
class PlaceNames {

    private final Map<String, GeoPoint> centres;

    PlaceNames(Geography geography) {
        Map<String, List<ZipArea>> byName = new HashMap<>();
        for (ZipArea z : geography.zips()) {
            if (z.city() != null && !z.city().isBlank()) {
                byName.computeIfAbsent(key(z.city()), k -> new ArrayList<>()).add(z);
            }
        }
        Map<String, GeoPoint> out = new HashMap<>();
        byName.forEach((name, zips) -> {
            double weight = 0, lat = 0, lon = 0;
            for (ZipArea z : zips) {
                double w = Math.max(1, z.populationWeight());
                weight += w;
                lat += w * z.centroid().latitude();
                lon += w * z.centroid().longitude();
            }
            out.put(name, new GeoPoint(lat / weight, lon / weight));
        });
        this.centres = Map.copyOf(out);
    }

    /** The centre of the named city or neighbourhood, if the service area has one of that name. */
    Optional<GeoPoint> centre(String name) {
        return Optional.ofNullable(centres.get(key(name)));
    }

    static String key(String name) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", " ")
                .strip();
        return s.replaceFirst("\\s+(ca|california)(\\s+usa?)?$", "");
    }
}
