package org.commonweal.quality.claims;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.commonweal.quality.claims.X12Segments.Segment;

/**
 * Reads an 837P (005010X222A1) or 837I (005010X223A3) interchange claim by claim, without holding the file: each
 * claim is checked when its loop closes and handed to {@code accepted}, or to {@code rejected} with the segment,
 * loop and reason. One bad claim never stops the rest; only an unreadable envelope refuses the file.
 */
final class Claim837Parser {

    static final Pattern ICD10_CM = Pattern.compile("[A-TV-Z][0-9][0-9A-Z]([0-9A-Z]{1,4})?");
    static final Pattern ICD10_PCS = Pattern.compile("[0-9A-HJ-NP-Z]{7}");
    static final Pattern HCPCS = Pattern.compile("[0-9A-Z]{5}");
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;

    /** What the envelope said: sender (ISA06), control number (ISA13) and the implementation (GS08). */
    record Envelope(String senderId, String controlNumber, String implementation) {}

    private final Consumer<ClaimRecord> accepted;
    private final Consumer<ClaimReject> rejected;

    /** A transaction set as read: its ST02 and the number of its ST segment in the file. */
    record SetStart(String control, int segment) {}

    private Envelope envelope;
    private final List<SetStart> sets = new ArrayList<>();
    private char form;
    private String loop = "ISA";
    private String billingNpi;
    private String subscriberId;
    private boolean dependentLoop;
    private ClaimBuilder claim;

    Claim837Parser(Consumer<ClaimRecord> accepted, Consumer<ClaimReject> rejected) {
        this.accepted = accepted;
        this.rejected = rejected;
    }

    Envelope parse(InputStream in) {
        try (var segments = new X12Segments(in)) {
            Segment segment;
            boolean any = false;
            while ((segment = segments.next()) != null) {
                if (!any && !segment.tag().equals("ISA"))
                    throw new ClaimFileException("the file does not start with ISA");
                any = true;
                read(segment);
            }
            if (!any) throw new ClaimFileException("the file is empty");
            close(null);
            if (envelope == null) throw new ClaimFileException("no ISA/GS envelope");
            return envelope;
        }
    }

    private void read(Segment s) {
        switch (s.tag()) {
            case "ISA" ->
                envelope = new Envelope(s.element(6).strip(), s.element(13).strip(), null);
            case "GS" -> {
                envelope = new Envelope(envelope.senderId(), envelope.controlNumber(), s.element(8));
                form = formOf(s.element(8));
            }
            case "ST" -> {
                if (!s.element(1).equals("837")) {
                    throw new ClaimFileException(
                            "segment " + s.number() + ": transaction set " + s.element(1) + " is not an 837");
                }
                if (!s.element(3).isEmpty()) form = formOf(s.element(3));
                sets.add(new SetStart(s.element(2), s.number()));
                loop = "ST";
            }
            case "HL" -> hierarchy(s);
            case "NM1" -> name(s);
            case "CLM" -> {
                close(s);
                claim = new ClaimBuilder(s, form, billingNpi, subscriberId, dependentLoop);
                loop = "2300";
            }
            case "LX" -> {
                if (claim != null) claim.line(s);
                loop = "2400";
            }
            case "SE", "GE", "IEA" -> close(s);
            default -> {
                if (claim != null) claim.segment(s, loop);
            }
        }
    }

    /** The transaction sets read so far, in file order. */
    List<SetStart> sets() {
        return sets;
    }

    /** ST02 of the set being read (while a claim is handed over: the claim's set), or null before the first ST. */
    String currentSet() {
        return sets.isEmpty() ? null : sets.get(sets.size() - 1).control();
    }

    private void hierarchy(Segment s) {
        close(s);
        switch (s.element(3)) {
            case "20" -> {
                loop = "2000A";
                billingNpi = null;
                subscriberId = null;
                dependentLoop = false;
            }
            case "22" -> {
                loop = "2000B";
                subscriberId = null;
                dependentLoop = false;
            }
            case "23" -> {
                loop = "2000C";
                dependentLoop = true;
            }
            default -> loop = "2000?";
        }
    }

    private void name(Segment s) {
        var qualifier = s.element(1);
        if (claim != null) {
            loop = loop.startsWith("24") ? "2420" : "2310";
            claim.segment(s, loop);
            return;
        }
        switch (qualifier) {
            case "85" -> {
                loop = "2010AA";
                billingNpi = s.element(8).equals("XX") ? s.element(9) : null;
            }
            case "IL" -> {
                loop = "2010BA";
                subscriberId = s.element(8).equals("MI") ? s.element(9) : null;
            }
            case "PR" -> loop = "2010BB";
            case "QC" -> loop = "2010CA";
            default -> {}
        }
    }

    private void close(Segment next) {
        if (claim == null) return;
        var built = claim.build();
        if (built.reject() != null) {
            rejected.accept(built.reject());
        } else {
            accepted.accept(built.claim());
        }
        claim = null;
    }

    private static char formOf(String implementation) {
        if (implementation.startsWith("005010X222")) return 'P';
        if (implementation.startsWith("005010X223")) return 'I';
        throw new ClaimFileException(
                "implementation " + implementation + " is neither 837P (005010X222A1) nor 837I (005010X223A3)");
    }

    /** The claim being read, and the first problem found in it. */
    private static final class ClaimBuilder {

        record Built(ClaimRecord claim, ClaimReject reject) {}

        private final Segment clm;
        private final char form;
        private final String billingNpi;
        private final String subscriberId;
        private final boolean dependent;
        private ClaimReject problem;
        private String originalReference;
        private String renderingNpi;
        private LocalDate statementFrom;
        private LocalDate statementTo;
        private final List<String> diagnoses = new ArrayList<>();
        private final List<String> procedures = new ArrayList<>();
        private final List<ClaimRecord.ServiceLine> lines = new ArrayList<>();
        private LineBuilder line;

        ClaimBuilder(Segment clm, char form, String billingNpi, String subscriberId, boolean dependent) {
            this.clm = clm;
            this.form = form;
            this.billingNpi = billingNpi;
            this.subscriberId = subscriberId;
            this.dependent = dependent;
        }

        void segment(Segment s, String loop) {
            if (line != null && loop.startsWith("24")) {
                line.segment(s);
                return;
            }
            switch (s.tag()) {
                case "REF" -> {
                    if (s.element(1).equals("F8")) originalReference = s.element(2);
                }
                case "DTP" -> {
                    if (s.element(1).equals("434")) {
                        var range = dates(s);
                        if (range != null) {
                            statementFrom = range[0];
                            statementTo = range[1];
                        }
                    }
                }
                case "HI" -> diagnosis(s);
                case "NM1" -> {
                    if (s.element(1).equals("82") && s.element(8).equals("XX")) {
                        if (!Npi.valid(s.element(9)))
                            fail(s, "2310B", "rendering provider NPI " + s.element(9) + " fails the NPI check digit");
                        renderingNpi = s.element(9);
                    }
                }
                default -> {}
            }
        }

        void line(Segment lx) {
            closeLine();
            line = new LineBuilder(lx);
        }

        private void closeLine() {
            if (line == null) return;
            var built = line.build(form);
            if (built instanceof ClaimReject reject) {
                if (problem == null)
                    problem = new ClaimReject(
                            reject.segmentNumber(),
                            reject.segmentTag(),
                            reject.loop(),
                            clm.element(1),
                            reject.reason());
            } else {
                var serviceLine = (ClaimRecord.ServiceLine) built;
                if (lines.stream().anyMatch(l -> l.lineNumber() == serviceLine.lineNumber())) {
                    // a fuzzing finding: two lines with one number broke the chunk's COPY (the table's key)
                    fail(
                            line.lx,
                            "2400",
                            "line " + serviceLine.lineNumber() + ": LX01 repeats the number of an earlier line");
                } else {
                    lines.add(serviceLine);
                }
            }
            line = null;
        }

        private void diagnosis(Segment s) {
            for (int n = 1; n <= s.elements().size(); n++) {
                var qualifier = s.component(n, 1);
                var code = s.component(n, 2).replace(".", "");
                switch (qualifier) {
                    case "ABK", "ABF", "ABJ", "APR" -> {
                        if (!ICD10_CM.matcher(code).matches()) {
                            fail(s, "2300", "diagnosis " + qualifier + " '" + code + "' is not an ICD-10-CM code");
                        }
                        diagnoses.add(code);
                    }
                    case "BK", "BF", "BJ", "PR" ->
                        fail(
                                s,
                                "2300",
                                "ICD-9-CM diagnosis (" + qualifier + ") on a claim: only ICD-10-CM is accepted");
                    case "BBR", "BBQ" -> {
                        if (!ICD10_PCS.matcher(code).matches()) {
                            fail(s, "2300", "procedure " + qualifier + " '" + code + "' is not an ICD-10-PCS code");
                        }
                        procedures.add(code);
                    }
                    default -> {}
                }
            }
        }

        private void fail(Segment s, String loop, String reason) {
            if (problem == null) problem = new ClaimReject(s.number(), s.tag(), loop, clm.element(1), reason);
        }

        Built build() {
            closeLine();
            var pcn = clm.element(1);
            var frequency = clm.component(5, 3);
            if (pcn.isBlank()) fail(clm, "2300", "CLM01 (patient control number) is empty");
            if (!(frequency.equals("1") || frequency.equals("7") || frequency.equals("8"))) {
                fail(
                        clm,
                        "2300",
                        "claim frequency code '" + frequency + "' (CLM05-3) is not 1 (original), "
                                + "7 (replacement) or 8 (void)");
            }
            if ((frequency.equals("7") || frequency.equals("8"))
                    && (originalReference == null || originalReference.isBlank())) {
                fail(
                        clm,
                        "2300",
                        "a " + (frequency.equals("7") ? "replacement" : "void")
                                + " needs REF*F8 naming the claim it replaces");
            }
            if (dependent) {
                fail(
                        clm,
                        "2000C",
                        "patient loop 2000C: each Medi-Cal member is a subscriber; send the member in " + "2010BA");
            }
            if (subscriberId == null || subscriberId.isBlank()) {
                fail(clm, "2010BA", "no subscriber member id (NM1*IL with NM108 MI)");
            }
            if (!Npi.valid(billingNpi)) {
                fail(
                        clm,
                        "2010AA",
                        billingNpi == null
                                ? "no billing provider NPI (NM1*85 with NM108 XX)"
                                : "billing provider NPI " + billingNpi + " fails the NPI check digit");
            }
            if (form == 'P' && diagnoses.isEmpty()) fail(clm, "2300", "no diagnosis (HI*ABK) on a professional claim");
            if (lines.isEmpty() && problem == null) fail(clm, "2400", "no service lines (LX)");
            var charge = amount(clm.element(2), CHARGE_DIGITS);
            if (charge == null)
                fail(clm, "2300", "CLM02 claim charge '" + clm.element(2) + "' is not an amount" + AMOUNT_LIMIT);
            if (problem != null) return new Built(null, problem);
            return new Built(
                    new ClaimRecord(
                            clm.number(),
                            pcn,
                            form,
                            frequency.charAt(0),
                            originalReference,
                            subscriberId,
                            billingNpi,
                            renderingNpi,
                            form == 'P' ? clm.component(5, 1) : null,
                            form == 'I' ? clm.component(5, 1) : null,
                            statementFrom,
                            statementTo,
                            charge,
                            List.copyOf(diagnoses),
                            List.copyOf(procedures),
                            List.copyOf(lines)),
                    null);
        }
    }

    /** One service line being read (LX, then SV1/SV2, DTP*472, NM1*82). */
    private static final class LineBuilder {

        private final Segment lx;
        private Segment service;
        private LocalDate from;
        private LocalDate to;
        private String renderingNpi;
        private ClaimReject problem;

        LineBuilder(Segment lx) {
            this.lx = lx;
        }

        void segment(Segment s) {
            switch (s.tag()) {
                case "SV1", "SV2" -> service = s;
                case "DTP" -> {
                    if (s.element(1).equals("472")) {
                        var range = dates(s);
                        if (range == null) {
                            problem = new ClaimReject(
                                    s.number(),
                                    "DTP",
                                    "2400",
                                    null,
                                    "line " + lx.element(1) + ": service date '" + s.element(3) + "' is not a date");
                        } else {
                            from = range[0];
                            to = range[1];
                        }
                    }
                }
                case "NM1" -> {
                    if (s.element(1).equals("82") && s.element(8).equals("XX")) renderingNpi = s.element(9);
                }
                default -> {}
            }
        }

        Object build(char form) {
            if (problem != null) return problem;
            var line = "line " + lx.element(1) + ": ";
            if (service == null) {
                return new ClaimReject(lx.number(), "LX", "2400", null, line + "no " + (form == 'P' ? "SV1" : "SV2"));
            }
            boolean professional = service.tag().equals("SV1");
            int procedureElement = professional ? 1 : 2;
            var procedure = service.components(procedureElement);
            var code = procedure.size() > 1 ? procedure.get(1) : "";
            if (!code.isEmpty() && !HCPCS.matcher(code).matches()) {
                return reject(line + "procedure '" + code + "' is not a CPT/HCPCS code");
            }
            var revenue = professional ? null : service.element(1);
            if (!professional && !(revenue.length() == 4 && revenue.chars().allMatch(ch -> ch >= '0' && ch <= '9'))) {
                return reject(line + "revenue code '" + revenue + "' is not four digits");
            }
            if (professional && code.isEmpty()) return reject(line + "SV101 has no procedure code");
            var charge = amount(service.element(professional ? 2 : 3), CHARGE_DIGITS);
            var unitsText = service.element(professional ? 4 : 5);
            var units = amount(unitsText, UNIT_DIGITS);
            if (charge == null)
                return reject(line + "charge '" + service.element(professional ? 2 : 3) + "' is not an amount"
                        + AMOUNT_LIMIT);
            if (units == null && !unitsText.isBlank())
                return reject(line + "units '" + unitsText + "' is not a quantity (at most " + UNIT_DIGITS
                        + " digits before the decimal point)");
            if (professional && from == null) return reject(line + "no service date (DTP*472)");
            var modifiers = procedure.size() > 2
                    ? procedure.subList(2, procedure.size()).stream()
                            .filter(m -> !m.isEmpty())
                            .toList()
                    : List.<String>of();
            int number;
            try {
                number = Integer.parseInt(lx.element(1));
            } catch (NumberFormatException e) {
                return new ClaimReject(
                        lx.number(), "LX", "2400", null, "LX01 '" + lx.element(1) + "' is not a line number");
            }
            return new ClaimRecord.ServiceLine(
                    number,
                    from,
                    to,
                    code.isEmpty() ? null : code,
                    modifiers,
                    revenue,
                    units,
                    charge,
                    professional && !service.element(5).isEmpty() ? service.element(5) : null,
                    renderingNpi);
        }

        private ClaimReject reject(String reason) {
            return new ClaimReject(service.number(), service.tag(), "2400", null, reason);
        }
    }

    /** DTP03 as D8 (one day) or RD8 (a range); null when it is neither. */
    static LocalDate[] dates(Segment dtp) {
        try {
            return switch (dtp.element(2)) {
                case "D8" -> {
                    var day = LocalDate.parse(dtp.element(3), D8);
                    yield new LocalDate[] {day, day};
                }
                case "RD8" -> {
                    var parts = dtp.element(3).split("-");
                    if (parts.length != 2) yield null;
                    yield new LocalDate[] {LocalDate.parse(parts[0], D8), LocalDate.parse(parts[1], D8)};
                }
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Digits before the decimal point that quality.claim/service_line keep: numeric(12, 2) and numeric(10, 3). */
    static final int CHARGE_DIGITS = 10;

    static final int UNIT_DIGITS = 7;
    private static final String AMOUNT_LIMIT =
            " (digits with an optional decimal point, at most " + CHARGE_DIGITS + " before it)";

    /**
     * Whether {@code text} is X12's decimal number (type R: an optional minus, digits, an optional point; the pattern
     * {@code -?(\\d+(\\.\\d*)?|\\.\\d+)}), checked character by character: a regex per amount was a visible part
     * of the reader's time.
     */
    static boolean decimal(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int digits = 0;
        int fraction = -1; // digits after the point, -1 without a point
        for (; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                if (fraction >= 0) fraction++;
                else digits++;
            } else if (ch == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return false;
            }
        }
        return digits > 0 || fraction > 0;
    }

    /**
     * An X12 R value as a number, or null when it is blank, not an R value (no exponents, no plus sign), or has more
     * than {@code integerDigits} digits before the point: a value the claim tables could not hold would take the
     * whole chunk down with it (a fuzzing finding).
     */
    static BigDecimal amount(String text, int integerDigits) {
        if (text == null || text.isBlank() || text.length() > 30 || !decimal(text)) return null;
        var value = new BigDecimal(text);
        var rounded = value.setScale(3, java.math.RoundingMode.HALF_UP);
        return rounded.precision() - rounded.scale() > integerDigits ? null : value;
    }
}
