package org.commonweal.housing.hmis;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.commonweal.platform.Csv;

/**
 * The HMIS CSV dialect on the platform's {@link Csv} (RFC 4180): dates yyyy-MM-dd, timestamps yyyy-MM-dd HH:mm:ss,
 * yes/no as 1/0. Written as a data-exchange file ({@link Csv#exchange}: no formula apostrophe, which would change what
 * the receiving HMIS stores).
 */
final class HmisCsv {

    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private HmisCsv() {}

    static String line(List<?> values) {
        return Csv.exchangeLine(values.stream().map(HmisCsv::cell).toList());
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof LocalDateTime t
                ? TIMESTAMP.format(t)
                : value instanceof LocalDate d
                        ? d.toString()
                        : value instanceof Boolean bool ? (bool ? "1" : "0") : value.toString();
    }

    /** Parses RFC 4180 records; quoted fields may hold commas, quotes and line breaks; a leading BOM is dropped. */
    static List<List<String>> parse(Reader in) throws IOException {
        try {
            return Csv.read(in).stream().map(Csv.Row::values).toList();
        } catch (Csv.Malformed e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
