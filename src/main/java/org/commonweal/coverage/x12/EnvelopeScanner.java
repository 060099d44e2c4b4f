package org.commonweal.coverage.x12;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A fast byte-level pass over an interchange before anything is applied: takes the delimiters from ISA, checks
 * ISA/IEA, GS/GE and ST/SE control numbers and counts and the implementation versions, and hashes the file. A
 * broken envelope refuses the whole file, so it must be known before the first member is touched.
 */
public final class EnvelopeScanner {

    private final Set<String> versions;
    private final String functionalId;

    /**
     * @param functionalId expected GS01, for example {@code BE} for 834 or {@code HS} for 270
     * @param versions accepted GS08/ST03 implementation versions
     */
    public EnvelopeScanner(String functionalId, Set<String> versions) {
        this.functionalId = functionalId;
        this.versions = versions;
    }

    public Envelope scan(Path file) throws IOException, X12Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in);
        }
    }

    public Envelope scan(InputStream raw) throws IOException, X12Exception {
        MessageDigest sha = sha256();
        var in = new BufferedInputStream(new DigestInputStream(raw, sha), 1 << 16);
        byte[] isa = in.readNBytes(106);
        String isaText = new String(isa, StandardCharsets.ISO_8859_1);
        if (isaText.length() < 106 || !isaText.startsWith("ISA")) {
            throw new X12Exception(
                    "envelope: the file does not start with a 106-character ISA segment",
                    X12Exception.Level.INTERCHANGE,
                    "022",
                    readable(isaText));
        }
        char elementSep = isaText.charAt(3);
        char segmentTerm = isaText.charAt(105);
        if (isaText.indexOf(segmentTerm) < 105) {
            // a delimiter inside data would end the segment early for every other X12 reader (found by fuzzing)
            throw new X12Exception(
                    "envelope: the ISA segment contains its segment terminator '" + segmentTerm + "' at position "
                            + (isaText.indexOf(segmentTerm) + 1) + ", before position 106",
                    X12Exception.Level.INTERCHANGE,
                    "022",
                    readable(isaText));
        }
        String[] isaElements =
                isaText.substring(0, 105).split(java.util.regex.Pattern.quote(String.valueOf(elementSep)), -1);
        if (isaElements.length != 17) {
            throw new X12Exception(
                    "envelope: ISA has " + (isaElements.length - 1) + " elements, expected 16",
                    X12Exception.Level.INTERCHANGE,
                    "022",
                    readable(isaText));
        }
        var check = new Checker(isaElements, elementSep);
        if (!isaElements[12].equals("00501")) {
            throw check.interchange(
                    "017", "envelope: unknown interchange version ISA12 '" + isaElements[12] + "', expected 00501");
        }
        check.segment("ISA");
        StringBuilder segment = new StringBuilder(64);
        boolean skipping = false;
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xff);
                if (c == segmentTerm) {
                    if (skipping) {
                        check.dataSegment(segment);
                    } else {
                        check.segment(segment.toString());
                    }
                    segment.setLength(0);
                    skipping = false;
                } else if (skipping) {
                    // a member-level segment: only its tag was needed
                } else if (segment.isEmpty() && (c == '\r' || c == '\n' || c == ' ' || c == '\t')) {
                    // line endings after the terminator
                } else {
                    // only the envelope segments need their elements; others only need their tag
                    segment.append(c);
                    if (segment.length() == 4 && !isEnvelopeTag(segment)) {
                        skipping = true;
                    }
                }
            }
        }
        if (!segment.toString().isBlank()) {
            throw check.interchange(
                    "023", "envelope: data after the last segment terminator: '" + abbreviate(segment) + "'");
        }
        return check.finish(HexFormat.of().formatHex(sha.digest()));
    }

    /**
     * What can be read from the start of a file whose ISA is not a 106-character segment: the element separator is
     * still the fourth character, so sender, receiver and control number are often there. Null when nothing is.
     */
    static Envelope readable(String head) {
        if (head.length() < 4 || !head.startsWith("ISA")) {
            return null;
        }
        String[] e = head.split(java.util.regex.Pattern.quote(String.valueOf(head.charAt(3))), -1);
        if (e.length < 14 || e[6].isBlank() || e[8].isBlank()) {
            return null;
        }
        return new Envelope(
                e[6].trim(),
                e[8].trim(),
                e[13].trim(),
                null,
                null,
                null,
                List.of(),
                0,
                null,
                e[5],
                e[7],
                e[9],
                e[10],
                0,
                List.of());
    }

    private static void skipLeadingWhitespace(byte[] isa) {
        // a leading BOM or blank line is not tolerated by trading partners either; keep it strict
    }

    private static boolean isEnvelopeTag(CharSequence s) {
        char a = s.charAt(0);
        char b = s.charAt(1);
        return a == 'G' && (b == 'S' || b == 'E')
                || a == 'S' && (b == 'T' || b == 'E')
                || a == 'I' && b == 'E' && s.charAt(2) == 'A';
    }

    /** The segment tag: up to three leading letters or digits (what {@code [^A-Z0-9].*} removal would leave). */
    private static String tag(String text) {
        int end = Math.min(3, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                end = i;
            }
        }
        return text.substring(0, end);
    }

    private static String abbreviate(CharSequence s) {
        return s.length() > 20 ? s.subSequence(0, 20) + "…" : s.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tracks the nesting and counts of envelope segments. */
    private final class Checker {

        private final String[] isa;
        private final String isa13;
        private final String sep;
        private int position;
        private int groups;
        private String gsControl;
        private String gsFunctional;
        private String gsVersion;
        private String groupControlFirst;
        private String functionalFirst;
        private String versionFirst;
        private int setsInGroup;
        private int setsIncluded = -1;
        private String stControl;
        private int segmentsInSet;
        private final List<String> sets = new ArrayList<>();
        private final List<Envelope.SetError> setErrors = new ArrayList<>();
        private boolean ended;
        private X12Exception groupError;

        Checker(String[] isa, char elementSep) {
            this.isa = isa;
            this.isa13 = isa[13].trim();
            this.sep = java.util.regex.Pattern.quote(String.valueOf(elementSep));
        }

        X12Exception interchange(String ta105, String message) {
            return new X12Exception(message, X12Exception.Level.INTERCHANGE, ta105, partial(null));
        }

        X12Exception group(String ak905, String message) {
            return new X12Exception(message, X12Exception.Level.GROUP, ak905, partial(null));
        }

        Envelope partial(String sha) {
            return new Envelope(
                    isa[6].trim(),
                    isa[8].trim(),
                    isa13,
                    groupControlFirst,
                    functionalFirst,
                    versionFirst,
                    List.copyOf(sets),
                    position,
                    sha,
                    isa[5],
                    isa[7],
                    isa[9],
                    isa[10],
                    setsIncluded >= 0 ? setsIncluded : sets.size(),
                    List.copyOf(setErrors));
        }

        /**
         * A segment that is not an envelope segment, of which only the head was kept: inside a transaction set only
         * counted (no String per member-level segment, issue #23); outside one, checked as {@link #segment} does.
         */
        void dataSegment(CharSequence head) throws X12Exception {
            if (stControl != null && !ended) {
                position++;
                segmentsInSet++;
            } else {
                segment(head.toString());
            }
        }

        void segment(String text) throws X12Exception {
            position++;
            if (ended) {
                throw interchange("022", "envelope: segment " + position + " after IEA");
            }
            String tag = text.length() >= 3 && text.startsWith("IEA") ? "IEA" : text.length() >= 2 ? tag(text) : text;
            if (stControl != null) {
                segmentsInSet++;
            }
            switch (tag) {
                case "ISA" -> {}
                case "GS" -> startGroup(text.split(sep, -1));
                case "ST" -> startSet(text.split(sep, -1));
                case "SE" -> endSet(text.split(sep, -1));
                case "GE" -> endGroup(text.split(sep, -1));
                case "IEA" -> endInterchange(text.split(sep, -1));
                default -> {
                    if (stControl == null) {
                        if (gsControl == null) {
                            throw interchange(
                                    "024",
                                    "envelope: segment " + position + " (" + tag + ") is outside a functional group");
                        }
                        throw group(
                                "3", "envelope: segment " + position + " (" + tag + ") is outside a transaction set");
                    }
                }
            }
        }

        private void startGroup(String[] e) throws X12Exception {
            if (gsControl != null) {
                throw group("3", "envelope: GS at segment " + position + " before the previous GE");
            }
            if (e.length < 9) {
                throw interchange("024", "envelope: GS at segment " + position + " has fewer than 8 elements");
            }
            gsFunctional = e[1];
            gsControl = e[6];
            gsVersion = e[8];
            if (groupControlFirst == null) {
                groupControlFirst = gsControl;
                functionalFirst = gsFunctional;
                versionFirst = gsVersion;
            }
            // a group of another transaction or version is refused at its GE, once its sets are counted
            if (!functionalId.equals(gsFunctional)) {
                groupError = group(
                        "1",
                        "envelope: GS01 '" + gsFunctional + "' is not the expected functional group '" + functionalId
                                + "'");
            } else if (!versions.contains(gsVersion)) {
                groupError =
                        group("2", "envelope: unknown version GS08 '" + gsVersion + "', expected one of " + versions);
            }
            if (!gsControl.matches("\\d{1,9}")) {
                throw group("6", "envelope: GS06 '" + gsControl + "' is not a group control number of 1 to 9 digits");
            }
            groups++;
            setsInGroup = 0;
        }

        private void startSet(String[] e) throws X12Exception {
            if (gsControl == null) {
                throw interchange("024", "envelope: ST at segment " + position + " outside a functional group");
            }
            if (stControl != null) {
                // the previous set has no SE: it is refused, and this one starts
                setErrors.add(new Envelope.SetError(
                        stControl,
                        "2",
                        "transaction set " + stControl + " has no SE trailer before the ST at segment " + position));
            }
            stControl = e.length < 3 ? "" : e[2];
            segmentsInSet = 1;
            setsInGroup++;
            sets.add(stControl);
            if (groupError != null) {
                return;
            }
            if (e.length < 3 || e[2].isEmpty()) {
                setErrors.add(
                        new Envelope.SetError(stControl, "7", "ST at segment " + position + " has no control number"));
            } else if (e.length > 3 && !e[3].isEmpty() && !versions.contains(e[3])) {
                setErrors.add(new Envelope.SetError(
                        stControl, "I6", "unknown implementation ST03 '" + e[3] + "' at segment " + position));
            }
        }

        private void endSet(String[] e) throws X12Exception {
            if (stControl == null) {
                throw group("3", "envelope: SE at segment " + position + " without ST");
            }
            if (groupError != null) {
                stControl = null;
                return;
            }
            if (e.length < 3 || !e[2].equals(stControl)) {
                setErrors.add(new Envelope.SetError(
                        stControl,
                        "3",
                        "SE02 '" + (e.length < 3 ? "" : e[2]) + "' at segment " + position + " does not match ST02 '"
                                + stControl + "'"));
            } else if (!e[1].equals(String.valueOf(segmentsInSet))) {
                setErrors.add(new Envelope.SetError(
                        stControl,
                        "4",
                        "SE01 says " + e[1] + " segments in transaction set " + stControl + " but it has "
                                + segmentsInSet));
            }
            stControl = null;
        }

        private void endGroup(String[] e) throws X12Exception {
            if (gsControl == null) {
                throw interchange("024", "envelope: GE at segment " + position + " without GS");
            }
            if (stControl != null) {
                setErrors.add(new Envelope.SetError(
                        stControl,
                        "2",
                        "transaction set " + stControl + " has no SE trailer before the GE at segment " + position));
                stControl = null;
            }
            if (e.length > 1 && e[1].matches("\\d{1,6}") && setsIncluded < 0) {
                setsIncluded = Integer.parseInt(e[1]);
            }
            if (groupError != null) {
                throw new X12Exception(
                        groupError.getMessage(), X12Exception.Level.GROUP, groupError.code(), partial(null));
            }
            if (e.length < 3 || !e[2].equals(gsControl)) {
                throw group("4", "envelope: GE02 does not match GS06 '" + gsControl + "'");
            }
            if (!e[1].equals(String.valueOf(setsInGroup))) {
                throw group(
                        "5",
                        "envelope: GE01 says " + e[1] + " transaction sets but group " + gsControl + " has "
                                + setsInGroup);
            }
            gsControl = null;
        }

        private void endInterchange(String[] e) throws X12Exception {
            if (gsControl != null) {
                throw group("3", "envelope: IEA at segment " + position + " before GE");
            }
            if (e.length < 3 || !e[2].trim().equals(isa13)) {
                throw interchange("001", "envelope: IEA02 does not match ISA13 '" + isa13 + "'");
            }
            if (!e[1].equals(String.valueOf(groups))) {
                throw interchange("021", "envelope: IEA01 says " + e[1] + " functional groups but there are " + groups);
            }
            ended = true;
        }

        Envelope finish(String sha) throws X12Exception {
            if (!ended) {
                if (gsControl != null) {
                    if (stControl != null) {
                        setErrors.add(new Envelope.SetError(
                                stControl,
                                "2",
                                "transaction set " + stControl + " has no SE trailer (truncated file?)"));
                    }
                    throw group("3", "envelope: the interchange has no IEA trailer (truncated file?)");
                }
                throw interchange("023", "envelope: the interchange has no IEA trailer (truncated file?)");
            }
            if (sets.isEmpty()) {
                throw interchange("024", "envelope: the interchange has no transaction set");
            }
            return partial(sha);
        }
    }
}
