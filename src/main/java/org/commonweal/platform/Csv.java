package org.commonweal.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The one way the application writes CSV: RFC 4180 (Apache Commons CSV: CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled), with every text field neutralised against formula injection as OWASP advises: a
 * field that a spreadsheet would read as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a
 * carriage return) gets a leading apostrophe, whatever follows, line breaks included. Plain numbers, negative ones too,
 * are left as they are so spreadsheets still add them up. It also reads RFC 4180 ({@link #read}), so a field holding
 * a comma, a quote or a line break comes back whole, with the line each record starts on.
 */
public final class Csv implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final CSVPrinter printer;
    private final boolean neutralising;

    private Csv(Writer out, boolean neutralising) {
        this.neutralising = neutralising;
        try {
            this.printer = new CSVPrinter(out, FORMAT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV document written to {@code out} (closing it flushes, and leaves {@code out} open to the caller). */
    public static Csv to(Writer out) {
        return new Csv(out, true);
    }

    /**
     * A data-exchange file another system reads field by field (the HMIS CSV set): RFC 4180 as {@link #to}, without the
     * formula apostrophe, which would change the data the other system stores. Not for files people open.
     */
    public static Csv exchange(Writer out) {
        return new Csv(out, false);
    }

    /** A field as it may be written: a formula-looking text is given a leading apostrophe. */
    public static String neutralise(String value) {
        if (value == null || value.isEmpty() || NUMBER.matcher(value).matches()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    /** One record; nulls are empty fields, everything else is written as its text, neutralised. */
    public Csv row(List<?> fields) {
        try {
            printer.printRecord(
                    fields.stream().map(f -> f == null ? "" : neutralising ? neutralise(f.toString()) : f.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Csv row(Object... fields) {
        return row(Arrays.asList(fields));
    }

    /** An empty line, between two tables of one file. */
    public Csv blank() {
        try {
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** One record as a line (with its CRLF), for callers that stream line by line. */
    public static String line(Object... fields) {
        return line(Arrays.asList(fields));
    }

    /** One record as a line (with its CRLF), for callers that stream line by line. */
    public static String line(List<?> fields) {
        var out = new StringWriter();
        to(out).row(fields).flush();
        return out.toString();
    }

    /** One record of a data-exchange file ({@link #exchange}) as a line with its CRLF. */
    public static String exchangeLine(List<?> fields) {
        var out = new StringWriter();
        exchange(out).row(fields).flush();
        return out.toString();
    }

    public void flush() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
    }

    /** A record read from CSV: the line it starts on (1 for the first) and its fields. */
    public record Row(long line, List<String> values) {

        /** A line with nothing on it. */
        public boolean blank() {
            return values.size() == 1 && values.getFirst().isBlank();
        }
    }

    /** A file that is not RFC 4180 (an unclosed quote): where reading stopped. */
    public static final class Malformed extends RuntimeException {

        private final long line;

        Malformed(long line, Throwable cause) {
            super("line " + line + ": not valid CSV (a quoted field is not closed)", cause);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    /** Reads every record of RFC 4180 CSV, blank lines included (as one empty field); a leading BOM is dropped. */
    public static List<Row> read(Reader in) throws IOException {
        List<Row> rows = new java.util.ArrayList<>();
        // the caller owns the reader (an entry of a ZIP stream goes on after this file): do not close it
        Reader borrowed = new java.io.FilterReader(in) {
            @Override
            public void close() {}
        };
        try (CSVParser parser = FORMAT.parse(borrowed)) {
            var records = parser.iterator();
            long start = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new Malformed(start, e);
                }
                List<String> values = new java.util.ArrayList<>(record.toList());
                if (rows.isEmpty() && !values.isEmpty() && values.getFirst().startsWith("\uFEFF")) {
                    values.set(0, values.getFirst().substring(1));
                }
                rows.add(new Row(start, List.copyOf(values)));
                start = parser.getCurrentLineNumber() + 1;
            }
        }
        return rows;
    }
}
