package org.commonweal.engagement.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One CSV line, RFC 4180 quoting, with spreadsheet-formula characters neutralised. */
final class Csv {

    private Csv() {
    }

    static String line(Object... values) {
        return Stream.of(values).map(Csv::cell).collect(Collectors.joining(","));
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.matches("^[=+\\-@].*") && !s.matches("^-?[0-9.]+$")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
