package org.commonweal.network.web;

import java.util.List;

/**
 * The page's offices as the map's data: a JSON array of {@code [latitude, longitude, number, name, office]}, the
 * number being the result's number in the list (the map and the list say the same thing; the list works without the
 * map). Written by hand: numbers and escaped strings only.
 */
final class MapPoints {

    private MapPoints() {}

    static String json(List<DirectoryListings.ProviderCard> cards, int firstNumber) {
        StringBuilder out = new StringBuilder("[");
        int number = firstNumber;
        for (var card : cards) {
            number++;
            for (var office : card.offices()) {
                if (office.latitude() == null || office.longitude() == null) {
                    continue;
                }
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('[')
                        .append(office.latitude())
                        .append(',')
                        .append(office.longitude())
                        .append(',')
                        .append(number)
                        .append(',')
                        .append(string(card.name()))
                        .append(',')
                        .append(string(office.name()))
                        .append(']');
            }
        }
        return out.append(']').toString();
    }

    /** A JSON string; also safe inside an HTML attribute once Thymeleaf escapes it. */
    static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
