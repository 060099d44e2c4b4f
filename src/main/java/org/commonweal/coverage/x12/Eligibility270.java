package org.commonweal.coverage.x12;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.platform.PlanIdentity;
import org.springframework.stereotype.Service;

/**
 * Answers X12 270 eligibility inquiries (005010X279A1) with a 271: one subscriber loop per inquiry, EB benefit lines
 * for a covered member, AAA 72 for an invalid member id and AAA 75 for a member not found. An interchange whose
 * envelope is broken is answered with a 999 instead.
 */
@Service
public class Eligibility270 {

    public static final String VERSION = "005010X279A1";
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9-]{3,30}");
    private final Coverage coverage;
    private final X12ControlNumbers controls;
    private final TradingPartners partners;
    private final PlanIdentity plan;
    private final ZoneId zone;

    public Eligibility270(Coverage coverage, X12ControlNumbers controls, TradingPartners partners, PlanIdentity plan) {
        this.coverage = coverage;
        this.controls = controls;
        this.partners = partners;
        this.plan = plan;
        this.zone = plan.timeZone();
    }

    /** The answer and whether it is a 271 (false: a 999 refusing the envelope). */
    public record Answer(String body, boolean is271) {}

    public Answer answer(byte[] request) {
        long control = controls.next();
        Envelope envelope;
        try {
            envelope = new EnvelopeScanner("HS", Set.of(VERSION)).scan(new ByteArrayInputStream(request));
        } catch (IOException e) {
            return new Answer(null, false);
        } catch (X12Exception e) {
            return new Answer(refusal(e, control), false);
        }
        if (!partners.allows(envelope.senderQualifier(), envelope.senderId(), "270")) {
            // a registered partner whose profile does not list the 270: AK905 1, functional group not supported
            return new Answer(Ack999Writer.refusedGroup(envelope, "270", "1", control, LocalDateTime.now(zone)), false);
        }
        if (!envelope.setErrors().isEmpty()) {
            return new Answer(
                    Ack999Writer.accepted(envelope, "270", List.of(), control, LocalDateTime.now(zone)), false);
        }
        List<Inquiry> sets;
        try {
            sets = read(request);
        } catch (X12Exception e) {
            return new Answer(null, false);
        }
        if (sets.isEmpty()) {
            // a group without a 270 set (found by fuzzing): refused whole, AK905 5 (included sets do not match)
            return new Answer(Ack999Writer.refusedGroup(envelope, "270", "5", control, LocalDateTime.now(zone)), false);
        }
        answerAll(sets, "eligibility inquiry (X12 270)");
        String characterSet = partners.find(envelope.senderQualifier(), envelope.senderId())
                .map(TradingPartners.Partner::characterSet)
                .orElse("extended");
        return new Answer(write271(envelope, sets, control, characterSet), true);
    }

    /** The 271 answering {@code sets}, whose subscribers {@link #answerAll} has answered. */
    private String write271(Envelope envelope, List<Inquiry> sets, long control, String characterSet) {
        var out = new StringWriter();
        var x12 = new X12Writer(out, characterSet);
        LocalDateTime now = LocalDateTime.now(zone);
        x12.interchange(
                envelope.receiverQualifier(),
                envelope.receiverId(),
                envelope.senderQualifier(),
                envelope.senderId(),
                X12Writer.control(control),
                now);
        x12.group("HB", envelope.receiverId(), envelope.senderId(), String.valueOf(control), VERSION, now);
        int setNumber = 0;
        for (Inquiry set : sets) {
            x12.transactionSet("271", String.format("%04d", ++setNumber), VERSION);
            x12.segment(
                    "BHT",
                    "0022",
                    "11",
                    set.reference,
                    now.format(DateTimeFormatter.BASIC_ISO_DATE),
                    now.format(DateTimeFormatter.ofPattern("HHmm")));
            x12.segment("HL", "1", "", "20", "1");
            x12.segment("NM1", "PR", "2", plan.payerName(), "", "", "", "", "PI", plan.payerId());
            x12.segment("HL", "2", "1", "21", "1");
            x12.segment("NM1", set.receiver.toArray(String[]::new));
            int hl = 2;
            for (Subscriber s : set.subscribers) {
                x12.segment("HL", String.valueOf(++hl), "2", "22", "0");
                if (s.trace != null) {
                    x12.segment("TRN", "2", s.trace, s.traceOriginator);
                }
                subscriber(x12, s);
            }
            x12.endTransactionSet();
        }
        x12.endGroup().endInterchange();
        return out.toString();
    }

    /**
     * Runs the 270 path once, at start-up, over an interchange of {@code subscribers} inquiries for member ids that
     * cannot exist (issue #23: the first batch after a start paid for class loading, JIT compilation and the first
     * use of the eligibility query): envelope scan, parse, the one eligibility query (it finds nobody, so no member
     * data is read and no audit row is written), the 271 written and thrown away. Uses no control number and records
     * nothing. Returns the 271 it wrote (every subscriber not found).
     */
    public String warmUp(int subscribers) {
        var out = new StringWriter();
        var x12 = new X12Writer(out);
        LocalDateTime at = LocalDateTime.of(2026, 1, 1, 0, 0);
        x12.interchange("WARMUP", plan.payerId(), X12Writer.control(1), at);
        x12.group("HS", "WARMUP", plan.payerId(), "1", VERSION, at);
        x12.transactionSet("270", "0001", VERSION);
        x12.segment("BHT", "0022", "13", "WARMUP", "20260101", "0000");
        x12.segment("HL", "1", "", "20", "1");
        x12.segment("NM1", "PR", "2", plan.payerName(), "", "", "", "", "PI", plan.payerId());
        x12.segment("HL", "2", "1", "21", "1");
        x12.segment("NM1", "1P", "2", "WARMUP", "", "", "", "", "XX", "1234567893");
        for (int i = 1; i <= subscribers; i++) {
            x12.segment("HL", String.valueOf(i + 2), "2", "22", "0");
            x12.segment("TRN", "1", "W" + i, "9WARMUP");
            // a hyphen and letters after it: no member id the plan issues looks like this
            x12.segment("NM1", "IL", "1", "WARMUP", "NOBODY", "", "", "", "MI", "WARMUP-NOBODY-" + i);
            x12.segment("DMG", "D8", "19000101");
            x12.segment("EQ", "30");
        }
        x12.endTransactionSet().endGroup().endInterchange();
        byte[] request = out.toString().getBytes(StandardCharsets.UTF_8);
        try {
            Envelope envelope = new EnvelopeScanner("HS", Set.of(VERSION)).scan(new ByteArrayInputStream(request));
            List<Inquiry> sets = read(request);
            // should a member ever bear such an id, its audit row says why it was read
            answerAll(sets, "start-up warm-up of the 270 path (no inquiry received)");
            return write271(envelope, sets, 1, "extended");
        } catch (IOException | X12Exception e) {
            throw new IllegalStateException("the 270 warm-up interchange did not read: " + e.getMessage(), e);
        }
    }

    /**
     * All inquiries of the interchange in one query; each subscriber is searched by one of the options of
     * 005010X279A1 and CAQH CORE: member id with last name and/or birth date, or last name, first name and birth
     * date. A member id whose name or birth date disagrees is answered with AAA 73/71 and no demographics.
     */
    private void answerAll(List<Inquiry> sets, String purpose) {
        List<Subscriber> asked = new ArrayList<>();
        List<EligibilityInquiry> inquiries = new ArrayList<>();
        for (Inquiry set : sets) {
            for (Subscriber s : set.subscribers) {
                if (!search(s)) {
                    continue;
                }
                // no DTP*291: the one eligibility path answers for today in the plan's time zone
                asked.add(s);
                inquiries.add(new EligibilityInquiry(s.memberId, s.date));
            }
        }
        List<Optional<Eligibility>> answers = coverage.eligibility(inquiries, purpose);
        for (int i = 0; i < asked.size(); i++) {
            Subscriber s = asked.get(i);
            s.answer = answers.get(i);
            s.answer.ifPresent(e -> verify(s, e.member()));
        }
    }

    /** Which member the subscriber loop asks for; false (with the AAA codes set) when no search option applies. */
    private boolean search(Subscriber s) {
        if (s.badBirth) {
            s.rejects = List.of("58");
            return false;
        }
        if (s.memberId == null) {
            if (s.last.isBlank() || s.first.isBlank()) {
                s.rejects = List.of("73");
            } else if (s.birth == null) {
                s.rejects = List.of("58");
            } else {
                List<String> ids = coverage.memberIdsByNameAndBirthDate(s.last, s.first, s.birth, 2);
                if (ids.size() == 1) {
                    s.memberId = ids.get(0);
                    s.byName = true;
                    return true;
                }
                // none, or several people of that name and birth date: not one subscriber to answer for
                s.rejects = List.of("75");
            }
            return false;
        }
        if (!MEMBER_ID.matcher(s.memberId).matches()) {
            s.rejects = List.of("72");
            return false;
        }
        if (s.last.isBlank() && s.birth == null) {
            // a member id alone is not a search option: the name or birth date must confirm it
            s.rejects = List.of("73");
            return false;
        }
        return true;
    }

    /** The member found by id must bear the name and birth date asked about; else AAA 73/71 and nothing more. */
    private static void verify(Subscriber s, org.commonweal.coverage.MemberSummary m) {
        List<String> codes = new ArrayList<>(2);
        if (!s.byName && !s.last.isBlank() && !NameKey.of(s.last).equals(NameKey.of(m.lastName()))) {
            codes.add("73");
        }
        if (s.birth != null && !s.birth.equals(m.birthDate())) {
            codes.add("71");
        }
        if (!codes.isEmpty()) {
            s.rejects = codes;
            s.answer = Optional.empty();
            return;
        }
        // what we return differs from what was sent: the guide's INS*Y*18*001*25 (change in identifying data)
        s.changed = s.byName
                || !s.memberId.equals(m.memberId())
                || !s.first.isBlank() && !NameKey.of(s.first).equals(NameKey.of(m.firstName()))
                || !X12Writer.extended(s.last).equalsIgnoreCase(X12Writer.extended(m.lastName()))
                || !s.first.isBlank()
                        && !X12Writer.extended(s.first).equalsIgnoreCase(X12Writer.extended(m.firstName()));
    }

    private void subscriber(X12Writer x12, Subscriber s) {
        if (s.rejects != null || s.answer.isEmpty()) {
            x12.segment("NM1", "IL", "1", s.last, s.first, "", "", "", s.askedId == null ? "" : "MI", s.askedId);
            for (String code : s.rejects == null ? List.of("75") : s.rejects) {
                x12.segment("AAA", "Y", "", code, "C");
            }
            return;
        }
        Eligibility e = s.answer.get();
        LocalDate date = e.date();
        var m = e.member();
        x12.segment(
                "NM1",
                "IL",
                "1",
                m.lastName().toUpperCase(),
                m.firstName().toUpperCase(),
                "",
                "",
                "",
                "MI",
                m.memberId());
        if (m.birthDate() != null) {
            x12.segment("DMG", "D8", m.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE), m.sex());
        }
        if (s.changed) {
            x12.segment("INS", "Y", "18", "001", "25");
        }
        if (!e.active()) {
            x12.segment("EB", "6", "IND", "30");
            x12.segment("DTP", "307", "D8", date.format(DateTimeFormatter.BASIC_ISO_DATE));
            return;
        }
        var span = e.span();
        x12.segment("DTP", "346", "D8", span.begin().format(DateTimeFormatter.BASIC_ISO_DATE));
        if (span.end() != null) {
            x12.segment("DTP", "347", "D8", span.end().format(DateTimeFormatter.BASIC_ISO_DATE));
        }
        x12.segment(
                "EB",
                "1",
                "IND",
                "30",
                insuranceType(span.productLine()),
                e.productLine() == null ? span.planCode() : e.productLine().name() + " " + span.planCode());
        if (!span.aidCodes().isEmpty()) {
            x12.segment("REF", "18", String.join(" ", span.aidCodes()));
        }
        if (span.pcpNpi() != null) {
            x12.segment("LS", "2120");
            String[] name =
                    span.pcpName() == null ? new String[] {""} : span.pcpName().split(" ", 2);
            x12.segment(
                    "NM1",
                    "P3",
                    "1",
                    name.length > 1 ? name[1] : name[0],
                    name.length > 1 ? name[0] : "",
                    "",
                    "",
                    "",
                    "XX",
                    span.pcpNpi());
            x12.segment("LE", "2120");
        }
    }

    static String insuranceType(String productLine) {
        return switch (productLine) {
            case "MCLA" -> "MC";
            case "MCP" -> "HN";
            default -> "HM";
        };
    }

    private record Inquiry(String reference, List<String> receiver, List<Subscriber> subscribers) {}

    private static final class Subscriber {
        String trace;
        String traceOriginator;
        String memberId;
        String askedId;
        String last = "";
        String first = "";
        LocalDate birth;
        LocalDate date;
        Optional<Eligibility> answer = Optional.empty();
        List<String> rejects;
        boolean byName;
        boolean changed;
        boolean badBirth;
    }

    private static List<Inquiry> read(byte[] request) throws X12Exception {
        List<Inquiry> sets = new ArrayList<>();
        try (var reader = new SegmentReader(new ByteArrayInputStream(request))) {
            String reference = "";
            List<String> receiver = List.of("1P", "2", "UNKNOWN");
            List<Subscriber> subscribers = null;
            Subscriber current = null;
            String level = "";
            Segment s;
            while ((s = reader.next()) != null) {
                switch (s.tag()) {
                    case "ST" -> {
                        subscribers = new ArrayList<>();
                        current = null;
                    }
                    case "BHT" -> reference = s.element(3);
                    case "HL" -> {
                        level = s.element(3);
                        if (level.equals("22") || level.equals("23")) {
                            if (level.equals("22") && subscribers != null) {
                                current = new Subscriber();
                                subscribers.add(current);
                            }
                        }
                    }
                    case "NM1" -> {
                        if (level.equals("21") && !s.element(1).isEmpty()) {
                            receiver = s.elements();
                        } else if (level.equals("22")
                                && current != null
                                && s.element(1).equals("IL")) {
                            current.last = s.element(3);
                            current.first = s.element(4);
                            current.memberId =
                                    s.element(9).isBlank() ? null : s.element(9).trim();
                            current.askedId = current.memberId;
                        }
                    }
                    case "TRN" -> {
                        if (current != null) {
                            current.trace = s.element(2);
                            current.traceOriginator = s.element(3);
                        }
                    }
                    case "DMG" -> {
                        if (level.equals("22")
                                && current != null
                                && s.element(1).equals("D8")) {
                            try {
                                current.birth = LocalDate.parse(s.element(2), DateTimeFormatter.BASIC_ISO_DATE);
                            } catch (DateTimeParseException e) {
                                current.badBirth = true;
                            }
                        }
                    }
                    case "DTP" -> {
                        if (current != null && s.element(1).equals("291")) {
                            try {
                                current.date =
                                        LocalDate.parse(s.element(3).split("-")[0], DateTimeFormatter.BASIC_ISO_DATE);
                            } catch (DateTimeParseException e) {
                                current.date = null;
                            }
                        }
                    }
                    case "SE" ->
                        sets.add(new Inquiry(reference, receiver, subscribers == null ? List.of() : subscribers));
                    default -> {
                        // EQ, DMG, REF and others do not change the answer
                    }
                }
            }
        } catch (IOException e) {
            throw new X12Exception(e.getMessage(), e);
        }
        return sets;
    }

    /** A TA1 for a broken interchange, a 999 (AK9 R) for a refused group such as an 834 posted here. */
    private String refusal(X12Exception e, long control) {
        LocalDateTime now = LocalDateTime.now(zone);
        if (e.partial() == null) {
            return null;
        }
        return e.level() == X12Exception.Level.GROUP
                ? Ack999Writer.refusedGroup(e.partial(), "270", e.code(), control, now)
                : Ack999Writer.ta1(e.partial(), e.code() == null ? "024" : e.code(), control, now);
    }
}
