package org.commonweal.coverage.x12;

import java.text.Normalizer;
import java.util.Locale;

/** The searchable form of a name: no accents, lower case, letters and single spaces only ("peña" → "pena"). */
public final class NameKey {

    private NameKey() {}

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String ascii = asciiKey(text);
        if (ascii != null) {
            return ascii;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z ]+", "")
                .replaceAll("\\s+", " ")
                .trim();
    }

    /** The same key without regular expressions for plain ASCII text (most names); null when text is not ASCII. */
    private static String asciiKey(String text) {
        var out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 128) {
                return null;
            }
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c >= 'a' && c <= 'z') {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.append(c);
            } else if (c == ' ') {
                space = true;
            }
        }
        return out.toString();
    }

    /** The stored key: last name then first name. */
    public static String of(String lastName, String firstName) {
        return (of(lastName) + " " + of(firstName)).trim();
    }
}
