package org.commonweal.coverage.x12;

import io.xlate.edi.stream.EDIInputFactory;
import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamException;
import io.xlate.edi.stream.EDIStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Streams the segments of an X12 interchange with StAEDI, which takes the delimiters from ISA. Control counts are
 * checked by the callers, which word the errors for the sender; StAEDI's own control validation is off so a wrong
 * count never hides the rest of the file.
 */
public final class SegmentReader implements SegmentSource {

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

    // elements of the segment being read, reused from segment to segment (1-based: element n at index n - 1)
    private String[] elements = new String[32];
    private int count;

    @Override
    public Segment next() throws X12Exception {
        try {
            String tag = null;
            StringBuilder composite = null;
            while (reader.hasNext()) {
                EDIStreamEvent event = reader.next();
                switch (event) {
                    case START_SEGMENT -> {
                        tag = reader.getText();
                        count = 0;
                    }
                    case START_COMPOSITE -> {
                        composite = new StringBuilder();
                        pad(reader.getLocation().getElementPosition() - 1);
                    }
                    case END_COMPOSITE -> {
                        addOrRepeat(reader.getLocation().getElementPosition(), composite.toString());
                        composite = null;
                    }
                    case ELEMENT_DATA -> {
                        if (composite != null) {
                            int component = reader.getLocation().getComponentPosition();
                            if (component > 1) {
                                composite.append(componentSeparator);
                            }
                            composite.append(reader.getText());
                        } else if (tag != null) {
                            addOrRepeat(reader.getLocation().getElementPosition(), reader.getText());
                        }
                    }
                    case END_SEGMENT -> {
                        position++;
                        if ("ISA".equals(tag)) {
                            Character c = reader.getDelimiters()
                                    .get(io.xlate.edi.stream.EDIStreamConstants.Delimiters.COMPONENT_ELEMENT);
                            if (c != null) {
                                componentSeparator = c;
                            }
                        }
                        // trailing empty elements are dropped
                        while (count > 0 && elements[count - 1].isEmpty()) {
                            count--;
                        }
                        return new Segment(tag, List.of(Arrays.copyOf(elements, count)), position);
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

    private void pad(int upTo) {
        while (count < upTo) {
            append("");
        }
    }

    private void append(String value) {
        if (count == elements.length) {
            elements = Arrays.copyOf(elements, count * 2);
        }
        elements[count++] = value;
    }

    private void addOrRepeat(int at, String value) {
        if (at <= 0) {
            return;
        }
        if (count >= at) {
            // a repeated element: keep the repetitions joined by the repetition separator
            Character rep = reader.getDelimiters().get(io.xlate.edi.stream.EDIStreamConstants.Delimiters.REPETITION);
            elements[at - 1] = elements[at - 1] + (rep == null ? '^' : rep) + value;
            return;
        }
        pad(at - 1);
        append(value);
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
