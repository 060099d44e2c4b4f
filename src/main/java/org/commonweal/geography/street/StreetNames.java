package org.commonweal.geography.street;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Street names as people write them and as TIGER/Line writes them, brought to one key: upper case, no accents or
 * punctuation, directions as USPS abbreviations (North → N) and the street type as its USPS suffix abbreviation
 * (Avenue, Av → AVE). The base key drops the leading and trailing direction, so "1600 Vermont Ave" finds
 * "N Vermont Ave" and "S Vermont Ave" (the house number and the city or ZIP then tell them apart).
 */
final class StreetNames {

    private static final Map<String, String> DIRECTIONS = Map.ofEntries(
            Map.entry("NORTH", "N"),
            Map.entry("SOUTH", "S"),
            Map.entry("EAST", "E"),
            Map.entry("WEST", "W"),
            Map.entry("NORTHEAST", "NE"),
            Map.entry("NORTHWEST", "NW"),
            Map.entry("SOUTHEAST", "SE"),
            Map.entry("SOUTHWEST", "SW"),
            Map.entry("N", "N"),
            Map.entry("S", "S"),
            Map.entry("E", "E"),
            Map.entry("W", "W"),
            Map.entry("NE", "NE"),
            Map.entry("NW", "NW"),
            Map.entry("SE", "SE"),
            Map.entry("SW", "SW"));

    /** USPS Publication 28, appendix C1: the common street suffixes of Los Angeles County and their variants. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("AVENUE", "AVE"),
            Map.entry("AVE", "AVE"),
            Map.entry("AV", "AVE"),
            Map.entry("AVEN", "AVE"),
            Map.entry("AVN", "AVE"),
            Map.entry("STREET", "ST"),
            Map.entry("ST", "ST"),
            Map.entry("STR", "ST"),
            Map.entry("BOULEVARD", "BLVD"),
            Map.entry("BLVD", "BLVD"),
            Map.entry("BL", "BLVD"),
            Map.entry("BOUL", "BLVD"),
            Map.entry("DRIVE", "DR"),
            Map.entry("DR", "DR"),
            Map.entry("DRV", "DR"),
            Map.entry("ROAD", "RD"),
            Map.entry("RD", "RD"),
            Map.entry("PLACE", "PL"),
            Map.entry("PL", "PL"),
            Map.entry("LANE", "LN"),
            Map.entry("LN", "LN"),
            Map.entry("COURT", "CT"),
            Map.entry("CT", "CT"),
            Map.entry("WAY", "WAY"),
            Map.entry("WY", "WAY"),
            Map.entry("HIGHWAY", "HWY"),
            Map.entry("HWY", "HWY"),
            Map.entry("PARKWAY", "PKWY"),
            Map.entry("PKWY", "PKWY"),
            Map.entry("PKY", "PKWY"),
            Map.entry("TERRACE", "TER"),
            Map.entry("TER", "TER"),
            Map.entry("CIRCLE", "CIR"),
            Map.entry("CIR", "CIR"),
            Map.entry("TRAIL", "TRL"),
            Map.entry("TRL", "TRL"),
            Map.entry("SQUARE", "SQ"),
            Map.entry("SQ", "SQ"),
            Map.entry("ALLEY", "ALY"),
            Map.entry("ALY", "ALY"),
            Map.entry("PLAZA", "PLZ"),
            Map.entry("PLZ", "PLZ"),
            Map.entry("FREEWAY", "FWY"),
            Map.entry("FWY", "FWY"));

    private static final Pattern HOUSE = Pattern.compile("^\\s*(\\d{1,6})(?:-?[A-Za-z]|\\s+\\d/\\d)?\\s+(.+)$");
    private static final Pattern ZIP = Pattern.compile("\\b(\\d{5})(?:-\\d{4})?\\b");
    private static final Pattern UNIT =
            Pattern.compile("(?i)\\s*(?:#|\\b(?:apt|apartment|unit|suite|ste|spc|space)\\b)" + ".*$");

    private StreetNames() {}

    /** An address typed in one line: house number, street, and the city and ZIP when given. */
    record Parsed(int number, List<String> street, String city, String zip) {

        String key() {
            return String.join(" ", street);
        }

        String baseKey() {
            return String.join(" ", base(street));
        }

        /** The direction written before or after the name, when there is one ("N" of "N Vermont Ave"). */
        Optional<String> direction() {
            if (street.size() > 1 && DIRECTIONS.containsValue(street.getFirst())) {
                return Optional.of(street.getFirst());
            }
            if (street.size() > 1 && DIRECTIONS.containsValue(street.getLast())) {
                return Optional.of(street.getLast());
            }
            return Optional.empty();
        }

        /** Whether the street type was written ("Vermont Ave" rather than "Vermont"). */
        boolean typed() {
            List<String> b = base(street);
            return b.size() > 1 && TYPES.containsValue(b.getLast());
        }
    }

    /**
     * Reads "1600 Vermont Ave, Los Angeles", "1600 N. Vermont Avenue Los Angeles CA 90027" or "1600 Vermont Ave
     * Apt 3, 90027"; empty when the text does not start with a house number followed by a street.
     */
    static Optional<Parsed> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher h = HOUSE.matcher(text);
        if (!h.matches()) {
            return Optional.empty();
        }
        int number = Integer.parseInt(h.group(1));
        String rest = h.group(2);
        String zip = null;
        Matcher z = ZIP.matcher(rest);
        while (z.find()) {
            zip = z.group(1);
        }
        if (zip != null) {
            rest = ZIP.matcher(rest).replaceAll(" ");
        }
        String streetPart;
        String cityPart = null;
        int comma = rest.indexOf(',');
        if (comma >= 0) {
            streetPart = rest.substring(0, comma);
            cityPart = rest.substring(comma + 1);
        } else {
            streetPart = rest;
        }
        streetPart = UNIT.matcher(streetPart).replaceFirst("");
        List<String> tokens = tokens(streetPart);
        if (cityPart == null) {
            // no comma: the street ends at its type (and a direction after it); what follows is the city
            for (int i = 1; i < tokens.size(); i++) {
                if (TYPES.containsKey(tokens.get(i))) {
                    int end = i + 1 < tokens.size() && DIRECTIONS.containsKey(tokens.get(i + 1)) ? i + 2 : i + 1;
                    if (end < tokens.size()) {
                        cityPart = String.join(" ", tokens.subList(end, tokens.size()));
                        tokens = tokens.subList(0, end);
                    }
                    break;
                }
            }
        }
        List<String> street = normalise(tokens);
        if (street.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(number, street, city(cityPart), zip));
    }

    /** The key of a street name: "North Vermont Avenue" and "N. Vermont Ave" give "N VERMONT AVE". */
    static String key(String name) {
        return String.join(" ", normalise(tokens(name)));
    }

    /** The key without its leading or trailing direction: "VERMONT AVE". */
    static String baseKey(String name) {
        return String.join(" ", base(normalise(tokens(name))));
    }

    /** A place name as a key for comparing with the ZIP's city: "Los Angeles, CA" gives "LOS ANGELES". */
    static String cityKey(String city) {
        if (city == null) {
            return null;
        }
        String s = String.join(" ", tokens(city))
                .replaceFirst("\\s*\\b(CA|CALIFORNIA)(\\s+USA?)?$", "")
                .strip();
        return s.isEmpty() ? null : s;
    }

    private static String city(String part) {
        return cityKey(part);
    }

    private static List<String> tokens(String s) {
        if (s == null) {
            return List.of();
        }
        String plain = Normalizer.normalize(s, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", " ")
                .strip();
        return plain.isEmpty() ? List.of() : Arrays.asList(plain.split(" "));
    }

    private static List<String> normalise(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens);
        int n = out.size();
        if (n > 1 && DIRECTIONS.containsKey(out.getFirst())) {
            out.set(0, DIRECTIONS.get(out.getFirst()));
        }
        int last = n - 1;
        if (n > 1 && DIRECTIONS.containsKey(out.get(last)) && !DIRECTIONS.containsKey(out.get(last - 1))) {
            out.set(last, DIRECTIONS.get(out.get(last)));
            last--;
        }
        // the type is the last word before a trailing direction ("Avenue" of "Vermont Avenue"; not the "St" of
        // "St Andrews Pl", which is first)
        if (last > 0 && TYPES.containsKey(out.get(last))) {
            out.set(last, TYPES.get(out.get(last)));
        }
        return List.copyOf(out);
    }

    private static List<String> base(List<String> street) {
        int from = 0;
        int to = street.size();
        if (to - from > 1
                && DIRECTIONS.containsValue(street.get(from))
                && !(to - from == 2 && TYPES.containsValue(street.get(from + 1)))) {
            from++;
        }
        if (to - from > 1 && DIRECTIONS.containsValue(street.get(to - 1))) {
            to--;
        }
        return street.subList(from, to);
    }
}
