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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.coverage.EligibilityInquiry;
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
    private static final AtomicLong CONTROL = new AtomicLong(System.currentTimeMillis() / 1000 % 100_000_000);

    private final Coverage coverage;

    public Eligibility270(Coverage coverage) {
        this.coverage = coverage;
    }

    /** The answer and whether it is a 271 (false: a 999 refusing the envelope). */
    public record Answer(String body, boolean is271) {
    }

    public Answer answer(byte[] request) {
        long control = CONTROL.incrementAndGet();
        Envelope envelope;
        try {
            envelope = new EnvelopeScanner("HS", Set.of(VERSION)).scan(new ByteArrayInputStream(request));
        } catch (X12Exception | IOException e) {
            return new Answer(refusal(request, e.getMessage(), control), false);
        }
        List<Inquiry> sets;
        try {
            sets = read(request);
        } catch (X12Exception e) {
            return new Answer(refusal(request, e.getMessage(), control), false);
        }
        if (sets.isEmpty()) {
            return new Answer(refusal(request, "no 270 transaction set (ST) in the interchange", control), false);
        }
        answerAll(sets);
        var out = new StringWriter();
        var x12 = new X12Writer(out);
        LocalDateTime now = LocalDateTime.now(ZoneId.of("America/Los_Angeles"));
        x12.interchange(envelope.receiverId(), envelope.senderId(), X12Writer.control(control), now);
        x12.group("HB", envelope.receiverId(), envelope.senderId(), String.valueOf(control), VERSION, now);
        int setNumber = 0;
        for (Inquiry set : sets) {
            x12.transactionSet("271", String.format("%04d", ++setNumber), VERSION);
            x12.segment("BHT", "0022", "11", set.reference, now.format(DateTimeFormatter.BASIC_ISO_DATE),
                    now.format(DateTimeFormatter.ofPattern("HHmm")));
            x12.segment("HL", "1", "", "20", "1");
            x12.segment("NM1", "PR", "2", "L.A. CARE HEALTH PLAN", "", "", "", "", "PI", "LACARE");
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
        return new Answer(out.toString(), true);
    }

    /** All inquiries of the interchange in one query; each well-formed subscriber gets its answer. */
    private void answerAll(List<Inquiry> sets) {
        LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
        List<Subscriber> asked = new ArrayList<>();
        List<EligibilityInquiry> inquiries = new ArrayList<>();
        for (Inquiry set : sets) {
            for (Subscriber s : set.subscribers) {
                if (s.memberId != null && MEMBER_ID.matcher(s.memberId).matches()) {
                    s.date = s.date == null ? today : s.date;
                    asked.add(s);
                    inquiries.add(new EligibilityInquiry(s.memberId, s.date));
                }
            }
        }
        List<Optional<Eligibility>> answers = coverage.eligibility(inquiries, "eligibility inquiry (X12 270)");
        for (int i = 0; i < asked.size(); i++) {
            asked.get(i).answer = answers.get(i);
        }
    }

    private void subscriber(X12Writer x12, Subscriber s) {
        if (s.memberId == null || !MEMBER_ID.matcher(s.memberId).matches()) {
            x12.segment("NM1", "IL", "1", s.last, s.first, "", "", "", "MI", s.memberId);
            x12.segment("AAA", "Y", "", "72", "C");
            return;
        }
        LocalDate date = s.date;
        Optional<Eligibility> found = s.answer;
        if (found.isEmpty()) {
            x12.segment("NM1", "IL", "1", s.last, s.first, "", "", "", "MI", s.memberId);
            x12.segment("AAA", "Y", "", "75", "C");
            return;
        }
        Eligibility e = found.get();
        var m = e.member();
        x12.segment("NM1", "IL", "1", m.lastName().toUpperCase(), m.firstName().toUpperCase(), "", "", "", "MI",
                m.memberId());
        if (m.birthDate() != null) {
            x12.segment("DMG", "D8", m.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE), m.sex());
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
        x12.segment("EB", "1", "IND", "30", insuranceType(span.productLine()),
                e.productLine() == null ? span.planCode() : e.productLine().name() + " " + span.planCode());
        if (!span.aidCodes().isEmpty()) {
            x12.segment("REF", "18", String.join(" ", span.aidCodes()));
        }
        if (span.pcpNpi() != null) {
            x12.segment("LS", "2120");
            String[] name = span.pcpName() == null ? new String[] {""} : span.pcpName().split(" ", 2);
            x12.segment("NM1", "P3", "1", name.length > 1 ? name[1] : name[0], name.length > 1 ? name[0] : "", "", "",
                    "", "XX", span.pcpNpi());
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

    private record Inquiry(String reference, List<String> receiver, List<Subscriber> subscribers) {
    }

    private static final class Subscriber {
        String trace;
        String traceOriginator;
        String memberId;
        String last = "";
        String first = "";
        LocalDate date;
        Optional<Eligibility> answer = Optional.empty();
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
                        } else if (level.equals("22") && current != null && s.element(1).equals("IL")) {
                            current.last = s.element(3);
                            current.first = s.element(4);
                            current.memberId = s.element(9).isBlank() ? null : s.element(9).trim();
                        }
                    }
                    case "TRN" -> {
                        if (current != null) {
                            current.trace = s.element(2);
                            current.traceOriginator = s.element(3);
                        }
                    }
                    case "DTP" -> {
                        if (current != null && s.element(1).equals("291")) {
                            try {
                                current.date = LocalDate.parse(s.element(3).split("-")[0],
                                        DateTimeFormatter.BASIC_ISO_DATE);
                            } catch (DateTimeParseException e) {
                                current.date = null;
                            }
                        }
                    }
                    case "SE" -> sets.add(new Inquiry(reference, receiver, subscribers == null ? List.of() : subscribers));
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

    private static String refusal(byte[] request, String reason, long control) {
        String text = new String(request, 0, Math.min(request.length, 4096), StandardCharsets.ISO_8859_1);
        String sender = null;
        String receiver = null;
        String gs06 = null;
        String st02 = null;
        if (text.length() >= 106 && text.startsWith("ISA")) {
            String sep = Pattern.quote(String.valueOf(text.charAt(3)));
            for (String seg : text.split(Pattern.quote(String.valueOf(text.charAt(105))))) {
                String[] e = seg.strip().split(sep, -1);
                if (e[0].equals("ISA") && e.length > 8) {
                    sender = e[6].trim();
                    receiver = e[8].trim();
                } else if (e[0].equals("GS") && e.length > 6 && gs06 == null) {
                    gs06 = e[6];
                } else if (e[0].equals("ST") && e.length > 2 && st02 == null) {
                    st02 = e[2];
                }
            }
        }
        return Ack999Writer.refused(sender, receiver, gs06, st02, "270", VERSION, reason, control,
                LocalDateTime.now(ZoneId.of("America/Los_Angeles")));
    }
}
