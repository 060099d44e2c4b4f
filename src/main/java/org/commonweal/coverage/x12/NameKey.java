package org.commonweal.coverage.x12;

import java.text.Normalizer;
import java.util.Locale;

/** The searchable form of a name: no accents, lower case, letters and single spaces only ("peña" → "pena"). */
public final class NameKey {

    private NameKey() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]+", "").replaceAll("\\s+", " ").trim();
    }

    /** The stored key: last name then first name. */
    public static String of(String lastName, String firstName) {
        return (of(lastName) + " " + of(firstName)).trim();
    }
}
