package org.commonweal.quality.claims;

import java.io.Closeable;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * Streams an X12 interchange segment by segment with StAEDI (delimiters from ISA, no schema, control validation off so
 * that one wrong count never hides the rest of the file). Each segment comes with its number in the file (ISA = 1).
 */
final class X12Segments implements Closeable {

    /** One segment; {@code element(n)} is element n (1-based), components of a composite joined by {@link #COMPONENT}. */
    record Segment(String tag, int number, List<String> elements) {

        static final char COMPONENT = '\u001F';

        String element(int n) {
            return n <= elements.size() ? elements.get(n - 1) : "";
        }

        String component(int n, int c) {
            var parts = element(n).split(String.valueOf(COMPONENT), -1);
            return c <= parts.length ? parts[c - 1] : "";
        }

        List<String> components(int n) {
            return List.of(element(n).split(String.valueOf(COMPONENT), -1));
        }
    }

    private static final EDIInputFactory FACTORY = factory();

    private final EDIStreamReader reader;
    private int number;

    X12Segments(InputStream in) {
        try {
            this.reader = FACTORY.createEDIStreamReader(in, "UTF-8");
        } catch (EDIStreamException e) {
            throw new ClaimFileException("not an X12 interchange: " + e.getMessage());
        }
    }

    private static EDIInputFactory factory() {
        var factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    /** The next segment, or {@code null} at the end. */
    Segment next() {
        try {
            String tag = null;
            var elements = new ArrayList<String>();
            StringBuilder composite = null;
            while (reader.hasNext()) {
                var event = reader.next();
                if (event == EDIStreamEvent.START_SEGMENT) {
                    tag = reader.getText();
                } else if (event == EDIStreamEvent.START_COMPOSITE) {
                    pad(elements, reader.getLocation().getElementPosition() - 1);
                    composite = new StringBuilder();
                } else if (event == EDIStreamEvent.END_COMPOSITE && composite != null) {
                    set(elements, reader.getLocation().getElementPosition(), composite.toString());
                    composite = null;
                } else if (event == EDIStreamEvent.ELEMENT_DATA && tag != null) {
                    if (composite != null) {
                        if (reader.getLocation().getComponentPosition() > 1) composite.append(Segment.COMPONENT);
                        composite.append(reader.getText());
                    } else {
                        set(elements, reader.getLocation().getElementPosition(), reader.getText());
                    }
                } else if (event == EDIStreamEvent.END_SEGMENT && tag != null) {
                    return new Segment(tag, ++number, List.copyOf(elements));
                } else if (event == EDIStreamEvent.START_INTERCHANGE && number == 0) {
                    tag = null;
                }
            }
            return null;
        } catch (EDIStreamException | RuntimeException e) {
            throw new ClaimFileException("unreadable X12 after segment " + number + ": " + e.getMessage());
        }
    }

    private static void set(List<String> elements, int position, String value) {
        pad(elements, position - 1);
        if (elements.size() >= position) {
            if (elements.get(position - 1).isEmpty()) elements.set(position - 1, value); // repetitions: first kept
        } else {
            elements.add(value);
        }
    }

    private static void pad(List<String> elements, int size) {
        while (elements.size() < size) elements.add("");
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (java.io.IOException e) {
            // nothing to do: the input is the caller's
        }
    }
}
