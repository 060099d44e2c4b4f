package org.commonweal.coverage.x12;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * Streams the segments of an X12 interchange with StAEDI, which takes the delimiters from ISA. Control counts are
 * checked by the callers, which word the errors for the sender; StAEDI's own control validation is off so a wrong
 * count never hides the rest of the file.
 */
public final class SegmentReader implements Closeable {

    private static final EDIInputFactory FACTORY = factory();

    private final EDIStreamReader reader;
    private int position;
    private char componentSeparator = ':';

    public SegmentReader(InputStream in) {
        this.reader = createReader(in);
    }

    private static EDIStreamReader createReader(InputStream in) {
        try {
            // names carry accents (Peña); files are read as UTF-8, which plain ASCII files are too
            return FACTORY.createEDIStreamReader(in, "UTF-8");
        } catch (EDIStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EDIInputFactory factory() {
        EDIInputFactory factory = EDIInputFactory.newFactory();
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_STRUCTURE, false);
        factory.setProperty(EDIInputFactory.EDI_VALIDATE_CONTROL_CODE_VALUES, false);
        factory.setProperty(EDIInputFactory.EDI_IGNORE_EXTRANEOUS_CHARACTERS, true);
        return factory;
    }

    /** The next segment, or {@code null} at the end of the input. */
    public Segment next() throws X12Exception {
        try {
            List<String> elements = null;
            String tag = null;
            StringBuilder composite = null;
            int lastElement = 0;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        elements = new ArrayList<>(12);
                        lastElement = 0;
                    }
                    case START_COMPOSITE -> {
                        composite = new StringBuilder();
                        pad(elements, reader.getLocation().getElementPosition() - 1);
                    }
                    case END_COMPOSITE -> {
                        addOrRepeat(elements, reader.getLocation().getElementPosition(), composite.toString());
                        lastElement = reader.getLocation().getElementPosition();
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            int component = reader.getLocation().getComponentPosition();
                            if (component > 1) {
                                composite.append(componentSeparator());
                            }
                            composite.append(reader.getText());
                        } else if (elements != null) {
                            int at = reader.getLocation().getElementPosition();
                            addOrRepeat(elements, at, reader.getText());
                            lastElement = at;
                        }
                    }
                    case END_SEGMENT -> {
                        position++;
                        if ("ISA".equals(tag)) {
                            Character c = reader.getDelimiters().get(io.xlate.edi.stream.EDIStreamConstants.Delimiters.COMPONENT_ELEMENT);
                            if (c != null) {
                                componentSeparator = c;
                            }
                        }
                        trimTrailing(elements);
                        return new Segment(tag, List.copyOf(elements), position);
                    }
                    default -> {
                        // envelope start/end events carry no data of their own; errors are checked by callers
                    }
                }
            }
            return null;
        } catch (EDIStreamException | RuntimeException e) {
            throw new X12Exception("unreadable X12 after segment " + position + ": " + e.getMessage(), e);
        }
    }

    private char componentSeparator() {
        return componentSeparator;
    }

    private static void pad(List<String> elements, int upTo) {
        while (elements.size() < upTo) {
            elements.add("");
        }
    }

    private void addOrRepeat(List<String> elements, int at, String value) {
        if (at <= 0) {
            return;
        }
        if (elements.size() >= at) {
            // a repeated element: keep the repetitions joined by the repetition separator
            Character rep = reader.getDelimiters().get(io.xlate.edi.stream.EDIStreamConstants.Delimiters.REPETITION);
            elements.set(at - 1, elements.get(at - 1) + (rep == null ? '^' : rep) + value);
            return;
        }
        pad(elements, at - 1);
        elements.add(value);
    }

    private static void trimTrailing(List<String> elements) {
        while (!elements.isEmpty() && elements.get(elements.size() - 1).isEmpty()) {
            elements.remove(elements.size() - 1);
        }
    }

    /** Segments read so far. */
    public int position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
