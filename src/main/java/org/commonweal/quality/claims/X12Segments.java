package org.commonweal.quality.claims;

import java.io.Closeable;
import java.io.InputStream;
import java.util.List;
import org.commonweal.coverage.x12.X12Exception;
import org.commonweal.coverage.x12.X12Tokenizer;

/**
 * Streams an X12 interchange segment by segment with coverage's {@link X12Tokenizer} (the 834's reader, held to StAEDI
 * by its differential test; delimiters from the ISA, no schema, so one wrong count never hides the rest of the file):
 * StAEDI alone took 30 of the 60 seconds the issue allows for a million service lines. Components are joined with
 * {@link Segment#COMPONENT} whatever the sender's separator; of repeated elements the first is kept. Each segment
 * comes with its number in the file (ISA = 1).
 */
final class X12Segments implements Closeable {

    /** One segment; {@code element(n)} is element n (1-based), components of a composite joined by {@link #COMPONENT}. */
    record Segment(String tag, int number, List<String> elements) {

        static final char COMPONENT = '\u001F';

        String element(int n) {
            return n <= elements.size() ? elements.get(n - 1) : "";
        }

        /** Component {@code c} (1-based) of element {@code n}; "" when there is none. Found without splitting. */
        String component(int n, int c) {
            String e = element(n);
            int start = 0;
            for (int i = 1; i < c; i++) {
                start = e.indexOf(COMPONENT, start) + 1;
                if (start == 0) return "";
            }
            int end = e.indexOf(COMPONENT, start);
            return start == 0 && end < 0 ? e : e.substring(start, end < 0 ? e.length() : end);
        }

        List<String> components(int n) {
            String e = element(n);
            if (e.indexOf(COMPONENT) < 0) return List.of(e);
            var parts = new java.util.ArrayList<String>(4);
            int start = 0;
            for (int end; (end = e.indexOf(COMPONENT, start)) >= 0; start = end + 1) {
                parts.add(e.substring(start, end));
            }
            parts.add(e.substring(start));
            return parts;
        }
    }

    private final X12Tokenizer tokenizer;
    private char component = COMPONENT_NONE;
    private char repetition = COMPONENT_NONE;

    private static final char COMPONENT_NONE = 0;

    X12Segments(InputStream in) {
        this.tokenizer = new X12Tokenizer(in);
    }

    /** The next segment, or {@code null} at the end. */
    Segment next() {
        org.commonweal.coverage.x12.Segment s;
        try {
            s = tokenizer.next();
        } catch (X12Exception | RuntimeException e) {
            throw new ClaimFileException(
                    "unreadable X12 after segment " + tokenizer.position() + ": " + e.getMessage());
        }
        if (s == null) return null;
        if (s.tag().equals("ISA")) {
            component = s.element(16).isEmpty() ? COMPONENT_NONE : s.element(16).charAt(0);
            var version = s.element(12);
            repetition = version.compareTo("00402") >= 0 && !s.element(11).isEmpty()
                    ? s.element(11).charAt(0)
                    : COMPONENT_NONE;
            return new Segment(s.tag(), s.position(), s.elements());
        }
        List<String> elements = s.elements();
        String[] copy = null;
        for (int i = 0; i < elements.size(); i++) {
            String value = elements.get(i);
            String read = value;
            if (repetition != COMPONENT_NONE && read.indexOf(repetition) >= 0) {
                read = read.substring(0, read.indexOf(repetition)); // repetitions: the first kept
            }
            if (component != COMPONENT_NONE && component != Segment.COMPONENT && read.indexOf(component) >= 0) {
                read = read.replace(component, Segment.COMPONENT);
            }
            if (read != value) {
                if (copy == null) copy = elements.toArray(String[]::new);
                copy[i] = read;
            }
        }
        return new Segment(s.tag(), s.position(), copy == null ? elements : List.of(copy));
    }

    @Override
    public void close() {
        try {
            tokenizer.close();
        } catch (java.io.IOException e) {
            // nothing to do: the input is the caller's
        }
    }
}
