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
        skipLeadingWhitespace(isa);
        String isaText = new String(isa, StandardCharsets.ISO_8859_1);
        if (isaText.length() < 106 || !isaText.startsWith("ISA")) {
            throw new X12Exception("envelope: the file does not start with a 106-character ISA segment");
        }
        char elementSep = isaText.charAt(3);
        char segmentTerm = isaText.charAt(105);
        if (isaText.indexOf(segmentTerm) < 105) {
            // a delimiter inside data would end the segment early for every other X12 reader (found by fuzzing)
            throw new X12Exception("envelope: the ISA segment contains its segment terminator '" + segmentTerm
                    + "' at position " + (isaText.indexOf(segmentTerm) + 1) + ", before position 106");
        }
        String[] isaElements = isaText.substring(0, 105).split(java.util.regex.Pattern.quote(String.valueOf(elementSep)), -1);
        if (isaElements.length != 17) {
            throw new X12Exception("envelope: ISA has " + (isaElements.length - 1) + " elements, expected 16");
        }
        if (!isaElements[12].equals("00501")) {
            throw new X12Exception("envelope: unknown interchange version ISA12 '" + isaElements[12] + "', expected 00501");
        }
        String isa13 = isaElements[13].trim();
        var check = new Checker(isa13, elementSep);
        check.segment("ISA");
        StringBuilder segment = new StringBuilder(64);
        boolean skipping = false;
        byte[] buffer = new byte[1 << 16];
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                char c = (char) (buffer[i] & 0xff);
                if (c == segmentTerm) {
                    check.segment(segment.toString());
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
            throw new X12Exception("envelope: data after the last segment terminator: '" + abbreviate(segment) + "'");
        }
        Envelope envelope = check.finish(HexFormat.of().formatHex(sha.digest()), isaElements[6].trim(),
                isaElements[8].trim());
        return envelope;
    }

    private static void skipLeadingWhitespace(byte[] isa) {
        // a leading BOM or blank line is not tolerated by trading partners either; keep it strict
    }

    private static boolean isEnvelopeTag(CharSequence s) {
        char a = s.charAt(0);
        char b = s.charAt(1);
        return a == 'G' && (b == 'S' || b == 'E') || a == 'S' && (b == 'T' || b == 'E')
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

        private final String isa13;
        private final String sep;
        private int position;
        private int groups;
        private String gsControl;
        private String gsFunctional;
        private String gsVersion;
        private String groupControlFirst;
        private int setsInGroup;
        private String stControl;
        private int segmentsInSet;
        private final List<String> sets = new ArrayList<>();
        private boolean ended;

        Checker(String isa13, char elementSep) {
            this.isa13 = isa13;
            this.sep = java.util.regex.Pattern.quote(String.valueOf(elementSep));
        }

        void segment(String text) throws X12Exception {
            position++;
            if (ended) {
                throw new X12Exception("envelope: segment " + position + " after IEA");
            }
            String tag = text.length() >= 3 && text.startsWith("IEA") ? "IEA"
                    : text.length() >= 2 ? tag(text) : text;
            if (stControl != null) {
                segmentsInSet++;
            }
            switch (tag) {
                case "ISA" -> { }
                case "GS" -> startGroup(text.split(sep, -1));
                case "ST" -> startSet(text.split(sep, -1));
                case "SE" -> endSet(text.split(sep, -1));
                case "GE" -> endGroup(text.split(sep, -1));
                case "IEA" -> endInterchange(text.split(sep, -1));
                default -> {
                    if (stControl == null) {
                        throw new X12Exception("envelope: segment " + position + " (" + tag
                                + ") is outside a transaction set");
                    }
                }
            }
        }

        private void startGroup(String[] e) throws X12Exception {
            if (gsControl != null) {
                throw new X12Exception("envelope: GS at segment " + position + " before the previous GE");
            }
            if (e.length < 9) {
                throw new X12Exception("envelope: GS at segment " + position + " has fewer than 8 elements");
            }
            gsFunctional = e[1];
            gsControl = e[6];
            gsVersion = e[8];
            if (groupControlFirst == null) {
                groupControlFirst = gsControl;
            }
            if (!functionalId.equals(gsFunctional)) {
                throw new X12Exception("envelope: GS01 '" + gsFunctional + "' is not the expected functional group '"
                        + functionalId + "'");
            }
            if (!versions.contains(gsVersion)) {
                throw new X12Exception("envelope: unknown version GS08 '" + gsVersion + "', expected one of " + versions);
            }
            groups++;
            setsInGroup = 0;
        }

        private void startSet(String[] e) throws X12Exception {
            if (gsControl == null) {
                throw new X12Exception("envelope: ST at segment " + position + " outside a functional group");
            }
            if (stControl != null) {
                throw new X12Exception("envelope: ST at segment " + position + " before SE of set " + stControl);
            }
            if (e.length < 3) {
                throw new X12Exception("envelope: ST at segment " + position + " has no control number");
            }
            if (e.length > 3 && !e[3].isEmpty() && !versions.contains(e[3])) {
                throw new X12Exception("envelope: unknown version ST03 '" + e[3] + "' at segment " + position);
            }
            stControl = e[2];
            segmentsInSet = 1;
            setsInGroup++;
            sets.add(stControl);
        }

        private void endSet(String[] e) throws X12Exception {
            if (stControl == null) {
                throw new X12Exception("envelope: SE at segment " + position + " without ST");
            }
            if (e.length < 3 || !e[2].equals(stControl)) {
                throw new X12Exception("envelope: SE02 '" + (e.length < 3 ? "" : e[2]) + "' at segment " + position
                        + " does not match ST02 '" + stControl + "'");
            }
            if (!e[1].equals(String.valueOf(segmentsInSet))) {
                throw new X12Exception("envelope: SE01 says " + e[1] + " segments in transaction set " + stControl
                        + " but it has " + segmentsInSet);
            }
            stControl = null;
        }

        private void endGroup(String[] e) throws X12Exception {
            if (gsControl == null || stControl != null) {
                throw new X12Exception("envelope: GE at segment " + position + " without a closed group");
            }
            if (e.length < 3 || !e[2].equals(gsControl)) {
                throw new X12Exception("envelope: GE02 does not match GS06 '" + gsControl + "'");
            }
            if (!e[1].equals(String.valueOf(setsInGroup))) {
                throw new X12Exception("envelope: GE01 says " + e[1] + " transaction sets but group " + gsControl
                        + " has " + setsInGroup);
            }
            gsControl = null;
        }

        private void endInterchange(String[] e) throws X12Exception {
            if (gsControl != null) {
                throw new X12Exception("envelope: IEA at segment " + position + " before GE");
            }
            if (e.length < 3 || !e[2].trim().equals(isa13)) {
                throw new X12Exception("envelope: IEA02 does not match ISA13 '" + isa13 + "'");
            }
            if (!e[1].equals(String.valueOf(groups))) {
                throw new X12Exception("envelope: IEA01 says " + e[1] + " functional groups but there are " + groups);
            }
            ended = true;
        }

        Envelope finish(String sha, String sender, String receiver) throws X12Exception {
            if (!ended) {
                throw new X12Exception("envelope: the interchange has no IEA trailer (truncated file?)");
            }
            if (sets.isEmpty()) {
                throw new X12Exception("envelope: the interchange has no transaction set");
            }
            return new Envelope(sender, receiver, isa13, groupControlFirst, gsFunctional, gsVersion, List.copyOf(sets),
                    position, sha);
        }
    }
}
