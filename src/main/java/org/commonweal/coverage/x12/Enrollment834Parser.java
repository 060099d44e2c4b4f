package org.commonweal.coverage.x12;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads an X12 834 (005010X220A1) member loop by member loop, in the DHCS conventions, holding one member in memory
 * at a time. A member loop that breaks a rule is handed over as a {@link Reject} naming segment, loop, member and
 * reason; the envelope is checked beforehand by {@link EnvelopeScanner}.
 */
public final class Enrollment834Parser {

    public static final String VERSION = "005010X220A1";
    static final Set<String> MAINTENANCE_TYPES = Set.of("001", "021", "024", "025", "030");
    private static final DateTimeFormatter D8 = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Set<String> DATE_QUALIFIERS = Set.of("356", "357", "348", "349");
    private static final Map<String, String> LANGUAGES = Map.ofEntries(
            Map.entry("eng", "en"),
            Map.entry("spa", "es"),
            Map.entry("arm", "hy"),
            Map.entry("hye", "hy"),
            Map.entry("chi", "zh"),
            Map.entry("zho", "zh"),
            Map.entry("kor", "ko"),
            Map.entry("vie", "vi"),
            Map.entry("rus", "ru"),
            Map.entry("tgl", "tl"),
            Map.entry("per", "fa"),
            Map.entry("fas", "fa"),
            Map.entry("khm", "km"),
            Map.entry("ara", "ar"));

    /** Receives what the parser reads, in file order. */
    public interface Handler {

        /** The header of a transaction set (BGN), before its first member. */
        void header(FileHeader header) throws Exception;

        void member(MemberTransaction transaction) throws Exception;

        void reject(Reject reject) throws Exception;
    }

    /**
     * @param purpose {@code change} (BGN08 2) or {@code full} (BGN08 4, or INS03 030 throughout)
     * @param fileDate BGN03
     */
    public record FileHeader(
            String transactionSet,
            String reference,
            LocalDate fileDate,
            String purpose,
            String sponsor,
            String payer) {}

    private final Predicate<String> knownPlan;
    private Set<String> refusedSets = Set.of();

    /** @param knownPlan whether an HD04 plan code is one of the plan's (data in coverage.plan) */
    public Enrollment834Parser(Predicate<String> knownPlan) {
        this.knownPlan = knownPlan;
    }

    /** Transaction sets (ST02) the envelope scan refused by themselves: their loops are skipped, not applied. */
    public Enrollment834Parser skipSets(Set<String> controls) {
        this.refusedSets = Set.copyOf(controls);
        return this;
    }

    /** Reads the whole interchange; returns the number of member loops seen (applied or rejected). */
    public int parse(InputStream in, Handler handler) throws X12Exception {
        // our own tokenizer on the hot path (issue #23); it reads what StAEDI reads (X12TokenizerTests)
        try (var reader = new X12Tokenizer(in)) {
            return parse(reader, handler);
        } catch (IOException e) {
            throw new X12Exception("cannot read the file: " + e.getMessage(), e);
        }
    }

    private int parse(SegmentSource reader, Handler handler) throws X12Exception {
        int sequence = 0;
        String st = null;
        int stStart = 0;
        FileHeaderBuilder header = null;
        List<Segment> member = null;
        Segment s;
        boolean skipping = false;
        try {
            while ((s = reader.next()) != null) {
                if (skipping && !s.tag().equals("ST")) {
                    skipping = !s.tag().equals("SE") && !s.tag().equals("GE");
                    continue;
                }
                skipping = false;
                switch (s.tag()) {
                    case "ST" -> {
                        if (!refusedSets.isEmpty() && refusedSets.contains(s.element(2))) {
                            skipping = true;
                            continue;
                        }
                        st = s.element(2);
                        stStart = s.position();
                        header = new FileHeaderBuilder(st);
                    }
                    case "INS" -> {
                        if (member != null) {
                            emit(member, ++sequence, st, stStart, handler);
                        } else if (header != null) {
                            handler.header(header.build());
                            header = null;
                        }
                        member = new ArrayList<>(24);
                        member.add(s);
                    }
                    case "SE" -> {
                        if (member != null) {
                            emit(member, ++sequence, st, stStart, handler);
                            member = null;
                        } else if (header != null) {
                            handler.header(header.build());
                        }
                        header = null;
                        st = null;
                    }
                    default -> {
                        if (member != null) {
                            member.add(s);
                        } else if (header != null) {
                            header.add(s);
                        }
                    }
                }
            }
        } catch (X12Exception e) {
            throw e;
        } catch (Exception e) {
            throw new X12Exception("import stopped at segment " + reader.position() + ": " + e.getMessage(), e);
        }
        return sequence;
    }

    private void emit(List<Segment> segments, int sequence, String st, int stStart, Handler handler) throws Exception {
        var loop = new MemberLoop(segments, sequence, st, stStart);
        try {
            handler.member(loop.read());
        } catch (LoopRejected r) {
            handler.reject(r.reject);
        }
    }

    private static final class FileHeaderBuilder {

        private final String st;
        private String reference;
        private LocalDate date;
        private String purpose = "change";
        private String sponsor;
        private String payer;

        FileHeaderBuilder(String st) {
            this.st = st;
        }

        void add(Segment s) {
            switch (s.tag()) {
                case "BGN" -> {
                    reference = s.element(2);
                    try {
                        date = LocalDate.parse(s.element(3), D8);
                    } catch (DateTimeParseException e) {
                        date = null;
                    }
                    purpose = "4".equals(s.element(8)) ? "full" : "change";
                }
                case "N1" -> {
                    if (s.element(1).equals("P5")) {
                        sponsor = s.element(2);
                    } else if (s.element(1).equals("IN")) {
                        payer = s.element(2);
                    }
                }
                default -> {
                    // REF*38, DTP*007, QTY and others carry nothing we keep
                }
            }
        }

        FileHeader build() {
            return new FileHeader(st, reference, date, purpose, sponsor, payer);
        }
    }

    private static final class LoopRejected extends Exception {

        final Reject reject;

        LoopRejected(Reject reject) {
            super(reject.reason(), null, false, false);
            this.reject = reject;
        }
    }

    /** Interprets the segments of one 2000 loop. */
    private final class MemberLoop {

        private final List<Segment> segments;
        private final int sequence;
        private final String st;
        private final int stStart;
        private String loop = "2000";
        private String memberId;
        private String cin;
        private String mbi;
        private String medicaidId;
        private String hicn;
        private List<String> references = List.of();
        private String county;
        private String caseNumber;
        private String last;
        private String first;
        private String middle;
        private String phone;
        private String email;
        private String line1;
        private String line2;
        private String city;
        private String state;
        private String zip;
        private LocalDate birth;
        private String sex;
        private String spoken;
        private String written;
        private LocalDate eligBegin;
        private LocalDate eligEnd;
        private final List<CoverageBuilder> coverages = new ArrayList<>(2);
        private CoverageBuilder coverage;

        MemberLoop(List<Segment> segments, int sequence, String st, int stStart) {
            this.segments = segments;
            this.sequence = sequence;
            this.st = st;
            this.stStart = stStart;
        }

        MemberTransaction read() throws LoopRejected {
            Segment ins = segments.get(0);
            String type = ins.element(3);
            // the member id is needed to name the member in any reject, so find it first
            for (Segment s : segments) {
                if (s.is("REF", "0F")) {
                    memberId = s.element(2).trim();
                    break;
                }
            }
            if (!MAINTENANCE_TYPES.contains(type)) {
                throw reject(ins, 3, "7", "INS03 maintenance type '" + type + "' is not 001, 021, 024, 025 or 030");
            }
            for (Segment s : segments) {
                read(s);
            }
            if (memberId == null || memberId.isEmpty()) {
                throw reject(ins, "REF", 0, "3", "REF*0F subscriber identifier is missing");
            }
            boolean enrolling = type.equals("021") || type.equals("030");
            if (enrolling && (last == null || last.isBlank())) {
                throw reject(ins, "NM1", 0, "3", "NM1*IL member name is missing (loop 2100A)");
            }
            List<MemberTransaction.CoverageLine> lines = new ArrayList<>(coverages.size());
            for (CoverageBuilder c : coverages) {
                lines.add(c.build(type));
            }
            if (enrolling && lines.isEmpty()) {
                throw reject(ins, "HD", 0, "3", "no HD health coverage loop (2300) for maintenance type " + type);
            }
            if (type.equals("024") && eligEnd == null && lines.stream().allMatch(l -> l.end() == null)) {
                throw reject(ins, "DTP", 0, "3", "termination without an end date (DTP*357 or DTP*349)");
            }
            return new MemberTransaction(
                    sequence,
                    ins.position(),
                    st,
                    type,
                    memberId,
                    cin,
                    mbi,
                    medicaidId,
                    county,
                    caseNumber,
                    last,
                    first,
                    middle,
                    phone,
                    email,
                    line1,
                    line2,
                    city,
                    state,
                    zip,
                    birth,
                    sex,
                    spoken,
                    written,
                    eligBegin,
                    eligEnd,
                    List.copyOf(lines),
                    hicn,
                    List.copyOf(references),
                    ins.position() - stStart + 1);
        }

        private void read(Segment s) throws LoopRejected {
            switch (s.tag()) {
                case "REF" -> ref(s);
                case "DTP" -> dtp(s);
                case "NM1" -> nm1(s);
                case "PER" -> {
                    if (loop.equals("2100A")) {
                        for (int i = 3; i <= 7; i += 2) {
                            if (s.element(i).equals("TE") && phone == null) {
                                phone = s.element(i + 1);
                            } else if (s.element(i).equals("EM") && email == null) {
                                email = s.element(i + 1);
                            }
                        }
                    }
                }
                case "N3" -> {
                    if (loop.equals("2100A")) {
                        line1 = s.element(1);
                        line2 = blankToNull(s.element(2));
                    } else if (loop.equals("2310") && coverage != null) {
                        coverage.pcpLocation = s.element(1);
                    }
                }
                case "N4" -> {
                    if (loop.equals("2100A")) {
                        city = s.element(1);
                        state = s.element(2);
                        zip = s.element(3);
                        if (s.element(5).equals("CY") && !s.element(6).isEmpty()) {
                            county = s.element(6);
                        }
                    } else if (loop.equals("2310") && coverage != null) {
                        coverage.pcpLocation = (coverage.pcpLocation == null ? "" : coverage.pcpLocation + ", ")
                                + s.element(1) + " " + s.element(3);
                    }
                }
                case "DMG" -> {
                    if (loop.equals("2100A")) {
                        if (!s.element(2).isEmpty()) {
                            birth = date(s, 2);
                        }
                        sex = switch (s.element(3)) {
                            case "F", "M" -> s.element(3);
                            case "U", "" -> null;
                            default -> throw reject(s, 3, "7", "DMG03 sex '" + s.element(3) + "' is not F, M or U");
                        };
                    }
                }
                case "LUI" -> {
                    if (loop.equals("2100A") && !s.element(2).isEmpty()) {
                        String code = language(s.element(2));
                        if (s.element(4).equals("5") || s.element(4).equals("6")) {
                            written = code;
                        } else {
                            spoken = code;
                        }
                    }
                }
                case "HD" -> hd(s);
                case "LX" -> {
                    if (loop.startsWith("23")) {
                        loop = "2310";
                    }
                }
                case "LS" -> loop = "2700";
                case "LE" -> loop = coverage == null ? "2000" : "2300";
                default -> {
                    // segments this plan does not use are skipped, as real files carry many
                }
            }
        }

        /**
         * Each qualifier of loop 2000 lands in its own field, or as received in the raw reference list: the CIN
         * comes from {@code REF*1L} only ({@code REF*23} is a DHCS status code with dates, not the CIN).
         */
        private void ref(Segment s) throws LoopRejected {
            String qualifier = s.element(1);
            String value = s.element(2).trim();
            if (loop.equals("2000")) {
                switch (qualifier) {
                    case "0F" -> {
                        // read first, in read()
                    }
                    case "1L" -> cin = blankToNull(before(value, ';').trim());
                    case "6P" -> mbi = blankToNull(value);
                    case "F6" -> hicn = blankToNull(value);
                    case "1D" -> medicaidId = blankToNull(value);
                    case "3H" -> {
                        String[] parts = value.split(";", -1);
                        if (county == null && !parts[0].isEmpty()) {
                            county = parts[0];
                        }
                        if (parts.length > 2) {
                            caseNumber = blankToNull(parts[2]);
                        }
                        if (parts.length > 1 && !parts[1].isEmpty()) {
                            pendingAidCode = parts[1];
                        }
                    }
                    default -> {
                        if (references.isEmpty()) {
                            references = new ArrayList<>(4);
                        }
                        references.add(qualifier + "*" + s.element(2));
                    }
                }
            } else if (loop.equals("2300") && qualifier.equals("CE") && coverage != null) {
                for (String code : value.split("[;,]")) {
                    if (!code.isBlank()) {
                        coverage.aidCodes.add(code.trim());
                    }
                }
            }
        }

        private String pendingAidCode;

        private void dtp(Segment s) throws LoopRejected {
            String qualifier = s.element(1);
            if (!DATE_QUALIFIERS.contains(qualifier)) {
                return;
            }
            if (!s.element(2).equals("D8") && !s.element(2).equals("RD8")) {
                throw reject(s, 2, "7", "DTP02 date format '" + s.element(2) + "' is not D8 or RD8");
            }
            LocalDate value = date(s, 3);
            switch (qualifier) {
                case "356" -> eligBegin = value;
                case "357" -> eligEnd = value;
                case "348" -> {
                    if (coverage != null) {
                        coverage.begin = value;
                    }
                }
                default -> {
                    if (coverage != null) {
                        coverage.end = value;
                        coverage.endSegment = s;
                    }
                }
            }
        }

        private void nm1(Segment s) {
            switch (s.element(1)) {
                case "IL" -> {
                    loop = "2100A";
                    last = s.element(3).trim();
                    first = s.element(4).trim();
                    middle = blankToNull(s.element(5).trim());
                }
                case "P3" -> {
                    loop = "2310";
                    if (coverage != null) {
                        coverage.pcpName =
                                (s.element(2).equals("1") ? s.element(4) + " " + s.element(3) : s.element(3)).trim();
                        coverage.pcpNpi = s.element(8).equals("XX") ? s.element(9) : null;
                    }
                }
                default -> loop = coverage == null ? "2100" : "2310";
            }
        }

        private void hd(Segment s) throws LoopRejected {
            loop = "2300";
            String plan = before(s.element(4), ';').trim();
            if (plan.isEmpty()) {
                throw reject(s, 4, "1", "HD04 plan code is missing");
            }
            if (!knownPlan.test(plan)) {
                var r = reject(s, 4, "7", "HD04 plan code '" + plan + "' is not a plan of this health plan").reject;
                var text = new StringBuilder();
                for (Segment each : segments) {
                    text.append(each).append('\n');
                }
                throw new LoopRejected(new Reject(
                        r.transactionSet(),
                        r.segmentNumber(),
                        r.positionInSet(),
                        r.segmentTag(),
                        r.loopId(),
                        r.memberId(),
                        r.elementPosition(),
                        r.errorCode(),
                        r.reason(),
                        "HD04 plan code " + plan,
                        text.toString()));
            }
            coverage = new CoverageBuilder();
            coverage.hd = s;
            coverage.maintenanceType = s.element(1);
            coverage.line = s.element(3);
            coverage.plan = plan;
            int semi = s.element(4).indexOf(';');
            coverage.status = semi < 0 ? null : blankToNull(s.element(4).substring(semi + 1));
            coverages.add(coverage);
        }

        private LocalDate date(Segment s, int element) throws LoopRejected {
            String text = s.element(element);
            if (s.tag().equals("DTP") && s.element(2).equals("RD8")) {
                text = before(text, '-');
            }
            try {
                return ccyymmdd(text);
            } catch (java.time.DateTimeException e) {
                throw reject(
                        s,
                        element,
                        "8",
                        s.tag() + String.format("%02d", element) + " '" + text + "' is not a date CCYYMMDD");
            }
        }

        private LoopRejected reject(Segment s, int element, String code, String reason) {
            return new LoopRejected(new Reject(
                    st, s.position(), s.position() - stStart + 1, s.tag(), loop, memberId, element, code, reason));
        }

        private LoopRejected reject(Segment at, String tag, int element, String code, String reason) {
            return new LoopRejected(new Reject(
                    st, at.position(), at.position() - stStart + 1, tag, loop, memberId, element, code, reason));
        }

        private final class CoverageBuilder {
            String maintenanceType;
            String line;
            String plan;
            String status;
            LocalDate begin;
            LocalDate end;
            final List<String> aidCodes = new ArrayList<>(2);
            String pcpNpi;
            String pcpName;
            String pcpLocation;
            Segment hd;
            Segment endSegment;

            MemberTransaction.CoverageLine build(String memberType) throws LoopRejected {
                LocalDate from = begin != null ? begin : eligBegin;
                boolean needsBegin = !memberType.equals("024");
                if (from == null && needsBegin) {
                    throw reject(hd, "DTP", 0, "3", "coverage " + plan + " has no begin date (DTP*348 or DTP*356)");
                }
                LocalDate to = end != null ? end : eligEnd;
                // DTP*349 the day before DTP*348: DHCS voids the span (it never took effect)
                boolean voided = begin != null && end != null && end.equals(begin.minusDays(1));
                if (!voided && from != null && to != null && to.isBefore(from)) {
                    Segment at = end != null ? endSegment : hd;
                    throw end != null
                            ? reject(
                                    at,
                                    3,
                                    "8",
                                    "coverage " + plan + " ends " + to + " (DTP*349) before it begins " + from
                                            + " and is not a void (end = begin - 1)")
                            : reject(
                                    at,
                                    "DTP",
                                    0,
                                    "8",
                                    "coverage " + plan + " ends " + to + " (DTP*357) before it " + "begins " + from);
                }
                List<String> aid = new ArrayList<>(aidCodes);
                if (aid.isEmpty() && pendingAidCode != null) {
                    aid.add(pendingAidCode);
                }
                return new MemberTransaction.CoverageLine(
                        maintenanceType,
                        line,
                        plan,
                        status,
                        from,
                        to,
                        List.copyOf(aid),
                        pcpNpi,
                        pcpName,
                        pcpLocation,
                        voided);
            }
        }
    }

    /** CCYYMMDD as {@link DateTimeFormatter#BASIC_ISO_DATE} reads it (strict), without the formatter for 8 digits. */
    static LocalDate ccyymmdd(String text) {
        if (text.length() == 8) {
            int value = 0;
            for (int i = 0; i < 8; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return LocalDate.parse(text, D8);
                }
                value = value * 10 + (c - '0');
            }
            return LocalDate.of(value / 10000, value / 100 % 100, value % 100);
        }
        return LocalDate.parse(text, D8);
    }

    static String language(String code) {
        String lower = code.trim().toLowerCase(Locale.ROOT);
        return LANGUAGES.getOrDefault(lower, lower);
    }

    private static String before(String value, char c) {
        int i = value.indexOf(c);
        return i < 0 ? value : value.substring(0, i);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
