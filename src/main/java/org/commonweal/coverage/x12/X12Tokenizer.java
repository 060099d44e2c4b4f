package org.commonweal.coverage.x12;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The 834 hot path's X12 tokenizer (issue #23): reads bytes in 64 KB blocks, takes the delimiters from the ISA, and
 * builds one {@link Segment} per segment without an object per character (StAEDI decodes every byte through a
 * {@code CharsetDecoder} call and queues an event per element).
 *
 * <p>It reads exactly what {@link SegmentReader} (StAEDI 1.26 with control validation off and extraneous characters
 * ignored) reads: the same segments, the same elements (composites and repetitions kept as written, trailing empty
 * elements dropped), and an error at the same segment position where StAEDI stops. {@code X12TokenizerTests} holds
 * the two to that over every X12 fixture and fuzz corpus input. The rules followed, from StAEDI's lexer:
 * <ul>
 * <li>control characters, tab, CR and LF that are not delimiters are dropped wherever they appear (in the ISA: except
 * at the delimiter positions 4, 83, 105 and 106);
 * <li>the ISA is 106 characters; its element separator must sit at the 16 element positions and nowhere else; ISA11 is the
 * repetition separator from version 00402 on, ISA16 the component separator, the 106th character the terminator;
 * <li>a tag is 2 or 3 letters or digits, leading spaces skipped; a tag with no elements is a segment;
 * {@code IEA} ends the interchange and takes no composite or repetition, {@code IE} must have elements;
 * <li>outside an interchange only spaces, line ends and a new {@code ISA} may appear;
 * <li>element text is UTF-8; a malformed sequence is an error.
 * </ul>
 * Input must start with {@code ISA}: EDIFACT and TRADACOMS, which StAEDI would also recognise, are refused.
 */
public final class X12Tokenizer implements SegmentSource {

    // character classes, as StAEDI's CharacterSet (ASCII) plus the delimiters of the current interchange
    private static final byte DATA = 0;
    private static final byte ALNUM = 1;
    private static final byte SPACE = 2;
    private static final byte WHITE = 3;
    private static final byte CONTROL = 4;
    private static final byte INVALID = 5;
    private static final byte ELEMENT = 6;
    private static final byte COMPONENT = 7;
    private static final byte REPETITION = 8;
    private static final byte TERMINATOR = 9;

    private static final byte[] PROTOTYPE = prototype();
    private static final int ISA_LENGTH = 106;
    private static final int[] ISA_SEPARATORS = {3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int pos;
    private int limit;
    private final byte[] classes = PROTOTYPE.clone();
    private boolean inInterchange;
    private boolean seenInterchange;
    private int position;

    // the segment being read: its bytes, and where each element ends in them
    private byte[] text = new byte[512];
    private int length;
    private int[] ends = new int[64];
    private int count;
    private boolean nonAscii;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    public X12Tokenizer(InputStream in) {
        this.in = in;
    }

    private static byte[] prototype() {
        byte[] c = new byte[256];
        for (int b = 0; b < 256; b++) {
            if (b >= 0x80) {
                c[b] = DATA;
            } else if (b == 0 || b == 0x08 || b >= 0x0e && b <= 0x10 || b >= 0x18 && b <= 0x1b || b == 0x7f) {
                c[b] = INVALID;
            } else if (b >= 0x09 && b <= 0x0d) {
                c[b] = WHITE;
            } else if (b < 0x20) {
                c[b] = CONTROL;
            } else if (b == ' ') {
                c[b] = SPACE;
            } else if (b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z') {
                c[b] = ALNUM;
            } else {
                c[b] = DATA;
            }
        }
        return c;
    }

    /** The next byte, or -1 at the end of the input. */
    private int read() throws IOException {
        if (pos == limit) {
            limit = in.read(buffer, 0, buffer.length);
            pos = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[pos++] & 0xff;
    }

    /**
     * The next byte that is not extraneous (line ends, tab, control characters that are not delimiters of this
     * interchange), or -1: StAEDI drops those wherever they would not be valid.
     */
    private int readKept() throws IOException {
        int b;
        do {
            b = read();
        } while (b >= 0 && classes[b] >= WHITE && classes[b] <= INVALID);
        return b;
    }

    @Override
    public Segment next() throws X12Exception {
        try {
            return inInterchange ? segment() : interchange();
        } catch (IOException e) {
            throw error(e.getMessage());
        }
    }

    private X12Exception error(String reason) {
        return new X12Exception("unreadable X12 after segment " + position + ": " + reason);
    }

    /**
     * Outside an interchange: spaces, line ends and control characters, then an ISA, or the end of the input (an
     * input without any interchange is an error).
     */
    private Segment interchange() throws IOException, X12Exception {
        int b;
        do {
            b = readKept();
        } while (b == ' ');
        if (b < 0) {
            if (!seenInterchange) {
                throw error("no interchange in the input");
            }
            return null;
        }
        byte[] isa = new byte[ISA_LENGTH];
        isa[0] = (byte) b;
        if (b != 'I' || (isa[1] = (byte) readKept()) != 'S' || (isa[2] = (byte) readKept()) != 'A') {
            throw error("expected an ISA segment");
        }
        // 106 characters; outside the delimiter positions (3, 82, 104, 105) line ends and control characters are
        // skipped, as StAEDI's X12 dialect does
        for (int i = 3; i < ISA_LENGTH; ) {
            int c = read();
            if (c < 0) {
                throw error("the input ends inside the ISA segment");
            }
            if (c >= 0x80) {
                throw error("a character outside ASCII in the ISA segment");
            }
            boolean delimiterPosition = i == 3 || i == 82 || i == 104 || i == 105;
            if (!delimiterPosition && c != isa[3] && PROTOTYPE[c] >= WHITE && PROTOTYPE[c] <= INVALID) {
                continue;
            }
            isa[i++] = (byte) c;
        }
        byte element = isa[3];
        for (int i = 0, e = 0; i < ISA_LENGTH; i++) {
            boolean separator = e < ISA_SEPARATORS.length && ISA_SEPARATORS[e] == i;
            if (separator) {
                e++;
            }
            if (separator != (isa[i] == element)) {
                throw error("the ISA's element separator must be at its 16 element positions and nowhere else");
            }
        }
        System.arraycopy(PROTOTYPE, 0, classes, 0, classes.length);
        classes[element & 0xff] = ELEMENT;
        classes[isa[104] & 0xff] = COMPONENT;
        classes[isa[105] & 0xff] = TERMINATOR;
        try {
            // from version 00402, as StAEDI 1.26 does (measured over all 128 ASCII characters in X12TokenizerTests):
            // punctuation that is not yet a delimiter and tab, LF, VT, FF, CR are the repetition separator; letters,
            // digits, space and control characters stay what they are
            int r = isa[82] & 0xff;
            if (Integer.parseInt(new String(isa, 84, 5, StandardCharsets.US_ASCII)) >= 402
                    && (classes[r] == DATA || classes[r] == WHITE)) {
                classes[r] = REPETITION;
            }
        } catch (NumberFormatException ignored) {
            // a non-numeric version: no repetition separator, as StAEDI
        }
        inInterchange = true;
        seenInterchange = true;
        // the ISA's elements as written
        length = 0;
        count = 0;
        nonAscii = false;
        for (int i = 4; i < ISA_LENGTH - 1; i++) {
            if (isa[i] == element) {
                endElement();
            } else if (PROTOTYPE[isa[i]] < WHITE || PROTOTYPE[isa[i]] > INVALID) {
                put(isa[i]);
            }
        }
        endElement();
        return finish("ISA");
    }

    /** Inside an interchange: the next segment, {@code IEA} ending the interchange. */
    private Segment segment() throws IOException, X12Exception {
        int b;
        do {
            b = readKept();
        } while (b == ' ');
        if (b < 0) {
            throw error("the input ends inside the interchange (no IEA)");
        }
        if (classes[b] != ALNUM) {
            throw error("a segment tag must start with a letter or digit");
        }
        char[] tag = new char[3];
        int tagLength = 0;
        tag[tagLength++] = (char) b;
        byte after;
        while (true) {
            b = readKept();
            if (b < 0) {
                throw error("the input ends inside a segment tag");
            }
            after = classes[b];
            if (after != ALNUM) {
                break;
            }
            if (tagLength == 3) {
                throw error("a segment tag longer than 3 characters");
            }
            tag[tagLength++] = (char) b;
        }
        boolean trailer = tagLength == 3 && tag[0] == 'I' && tag[1] == 'E' && tag[2] == 'A';
        boolean ie = tagLength == 2 && tag[0] == 'I' && tag[1] == 'E';
        if (tagLength == 1 || after != ELEMENT && after != TERMINATOR || after == TERMINATOR && (trailer || ie)) {
            throw error("segment tag '" + new String(tag, 0, tagLength) + "' followed by an unexpected character");
        }
        String name = new String(tag, 0, tagLength);
        length = 0;
        count = 0;
        nonAscii = false;
        if (after == ELEMENT) {
            int continuation = 0;
            while (true) {
                b = read();
                if (b < 0) {
                    throw error("the input ends inside segment " + name);
                }
                // UTF-8 is checked on the bytes as read, before extraneous characters are dropped (as StAEDI
                // decodes first): a sequence cut by any other byte is malformed
                if (b >= 0x80 && b < 0xc0) {
                    if (continuation-- == 0) {
                        throw error("malformed UTF-8");
                    }
                } else if (continuation > 0) {
                    throw error("malformed UTF-8");
                } else if (b >= 0xc0) {
                    continuation = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
                }
                switch (classes[b]) {
                    case WHITE, CONTROL, INVALID -> {
                        // extraneous: dropped
                    }
                    case ELEMENT -> endElement();
                    case TERMINATOR -> {
                        endElement();
                        if (trailer) {
                            inInterchange = false;
                            System.arraycopy(PROTOTYPE, 0, classes, 0, classes.length);
                        }
                        return finish(name);
                    }
                    case COMPONENT, REPETITION -> {
                        if (trailer) {
                            throw error("a composite or repetition in IEA");
                        }
                        put(b);
                    }
                    default -> put(b);
                }
            }
        }
        return finish(name);
    }

    private void put(int b) {
        if (length == text.length) {
            text = Arrays.copyOf(text, length * 2);
        }
        text[length++] = (byte) b;
        nonAscii |= b >= 0x80;
    }

    private void endElement() {
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count * 2);
        }
        ends[count++] = length;
    }

    private Segment finish(String tag) throws X12Exception {
        // trailing empty elements are dropped
        while (count > 0 && ends[count - 1] == (count > 1 ? ends[count - 2] : 0)) {
            count--;
        }
        String[] elements = new String[count];
        int start = 0;
        for (int i = 0; i < count; i++) {
            elements[i] = string(start, ends[i]);
            start = ends[i];
        }
        position++;
        return new Segment(tag, List.of(elements), position);
    }

    private String string(int from, int to) throws X12Exception {
        if (from == to) {
            return "";
        }
        if (!nonAscii) {
            return new String(text, from, to - from, StandardCharsets.ISO_8859_1);
        }
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(text, from, to - from));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw error("malformed UTF-8");
        }
    }

    @Override
    public int position() {
        return position;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
