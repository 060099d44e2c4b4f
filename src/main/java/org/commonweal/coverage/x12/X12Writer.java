package org.commonweal.coverage.x12;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes X12 segments with {@code *} elements, {@code :} components, {@code ^} repetitions and {@code ~} terminators
 * (one segment a line), and counts them for the SE/GE/IEA trailers.
 */
public final class X12Writer {

    private final Writer out;
    private final boolean utf8;
    private final boolean basic;
    private int segmentsInSet;
    private int setsInGroup;
    private int groups;
    private String isa13;
    private String gs06;
    private String st02;

    /** A writer in the X12 extended character set: letters outside it are transliterated (Peña → Pena). */
    public X12Writer(Writer out) {
        this(out, false);
    }

    /** @param utf8 write text as it is, for a partner whose profile says UTF-8 */
    public X12Writer(Writer out, boolean utf8) {
        this(out, utf8 ? "utf-8" : "extended");
    }

    /**
     * @param characterSet {@code basic} (upper case only), {@code extended} or {@code utf-8}, as the partner's
     *     profile says
     */
    public X12Writer(Writer out, String characterSet) {
        this.out = out;
        this.utf8 = characterSet.equals("utf-8");
        this.basic = characterSet.equals("basic");
    }

    public X12Writer segment(String tag, String... elements) {
        try {
            out.write(tag);
            int last = elements.length;
            while (last > 0 && (elements[last - 1] == null || elements[last - 1].isEmpty())) {
                last--;
            }
            for (int i = 0; i < last; i++) {
                out.write('*');
                if (elements[i] != null) {
                    String text = utf8 ? elements[i] : extended(elements[i]);
                    out.write(clean(basic ? text.toUpperCase(java.util.Locale.ROOT) : text));
                }
            }
            out.write("~\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (st02 != null) {
            segmentsInSet++;
        }
        return this;
    }

    private static final char COMPONENT = '\u0000';

    /** Element text may not contain a delimiter; senders replace them. Components of a composite keep their ':'. */
    private static String clean(String value) {
        return value.replace('*', ' ')
                .replace('~', ' ')
                .replace('^', ' ')
                .replace(':', ' ')
                .replace(COMPONENT, ':');
    }

    /**
     * The text in the X12 basic and extended character sets (printable ASCII): accents are removed (Ñ → N, é → e),
     * a few letters spelled out (ß → ss, Æ → AE, Ø → O, Ł → L), and anything else left out.
     */
    public static String extended(String value) {
        boolean ascii = true;
        for (int i = 0; i < value.length() && ascii; i++) {
            char c = value.charAt(i);
            ascii = c >= 32 && c < 127 || c == COMPONENT;
        }
        if (ascii) {
            return value;
        }
        String decomposed = java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD);
        var sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c >= 32 && c < 127 || c == COMPONENT) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case 'ß' -> sb.append("ss");
                case 'Æ' -> sb.append("AE");
                case 'æ' -> sb.append("ae");
                case 'Œ' -> sb.append("OE");
                case 'œ' -> sb.append("oe");
                case 'Ø' -> sb.append('O');
                case 'ø' -> sb.append('o');
                case 'Ł' -> sb.append('L');
                case 'ł' -> sb.append('l');
                case 'Đ' -> sb.append('D');
                case 'đ' -> sb.append('d');
                case 'Þ' -> sb.append("TH");
                case 'þ' -> sb.append("th");
                case '\u00a0' -> sb.append(' ');
                default -> {
                    // combining marks, control characters and scripts the character set cannot carry
                }
            }
        }
        return sb.toString();
    }

    /** A composite element (for example CTX01), its components separated by ':' in the output. */
    public static String composite(String... components) {
        var sb = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                sb.append(COMPONENT);
            }
            sb.append(components[i].replace(COMPONENT, ' '));
        }
        return sb.toString();
    }

    public X12Writer interchange(String sender, String receiver, String control, LocalDateTime at) {
        return interchange("ZZ", sender, "ZZ", receiver, control, at);
    }

    /** ISA with the given ID qualifiers (ISA05/ISA07), for example those the partner used, mirrored. */
    public X12Writer interchange(
            String senderQualifier,
            String sender,
            String receiverQualifier,
            String receiver,
            String control,
            LocalDateTime at) {
        isa13 = control;
        groups = 0;
        String isa = "ISA*00*" + pad("", 10) + "*00*" + pad("", 10) + "*" + qualifier(senderQualifier) + "*"
                + pad(sender, 15) + "*" + qualifier(receiverQualifier) + "*"
                + pad(receiver, 15) + "*" + at.format(DateTimeFormatter.ofPattern("yyMMdd")) + "*"
                + at.format(DateTimeFormatter.ofPattern("HHmm")) + "*^*00501*" + control + "*0*P*:~\n";
        try {
            out.write(isa);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public X12Writer group(
            String functionalId, String sender, String receiver, String control, String version, LocalDateTime at) {
        gs06 = control;
        setsInGroup = 0;
        groups++;
        return segment(
                "GS",
                functionalId,
                sender,
                receiver,
                at.format(DateTimeFormatter.BASIC_ISO_DATE),
                at.format(DateTimeFormatter.ofPattern("HHmm")),
                control,
                "X",
                version);
    }

    public X12Writer transactionSet(String type, String control, String version) {
        st02 = control;
        segmentsInSet = 0;
        setsInGroup++;
        return segment("ST", type, control, version);
    }

    public X12Writer endTransactionSet() {
        segment("SE", String.valueOf(segmentsInSet + 1), st02);
        st02 = null;
        return this;
    }

    public X12Writer endGroup() {
        return segment("GE", String.valueOf(setsInGroup), gs06);
    }

    public X12Writer endInterchange() {
        segment("IEA", String.valueOf(groups), isa13);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private static String qualifier(String q) {
        return q == null || q.isBlank() ? "ZZ" : pad(q.trim(), 2);
    }

    public static String pad(String value, int width) {
        String v = value.length() > width ? value.substring(0, width) : value;
        return v + " ".repeat(width - v.length());
    }

    /** A 9-digit interchange control number. */
    public static String control(long number) {
        return String.format("%09d", number % 1_000_000_000L);
    }
}
