package org.commonweal.coverage.x12;

import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the X12 999 implementation acknowledgment (005010X231A1) of a received functional group, and the TA1
 * interchange acknowledgment when the interchange envelope itself is broken. The envelope mirrors the partner's:
 * our ISA06/ISA05 are their ISA08/ISA07 and the other way round. AK1 echoes the received GS01, GS06 and GS08; one AK2
 * per transaction set read, with an IK3 (and CTX with the member id, IK4 for an element) per rejected member loop
 * and IK5 A, E (loops rejected) or R (the set refused by its own header or trailer); AK9 with the sets included
 * (GE01), received and accepted, and the group error code when the group itself is refused.
 */
public final class Ack999Writer {

    public static final String VERSION = "005010X231A1";
    private static final int CTX_MAX = 35;

    private Ack999Writer() {}

    /** The acknowledgment of a functional group that was read; rejected member loops make their set "E". */
    public static String accepted(
            Envelope envelope, String setType, List<Reject> rejects, long control, LocalDateTime at) {
        var out = new StringWriter();
        var x12 = start(out, envelope, control, at);
        Map<String, List<Reject>> bySet = rejects.stream()
                .filter(r -> r.transactionSet() != null)
                .collect(Collectors.groupingBy(Reject::transactionSet));
        int accepted = 0;
        int withErrors = 0;
        for (String st : envelope.transactionSets()) {
            x12.segment("AK2", setType, st, envelope.version());
            var refused = envelope.setErrors().stream()
                    .filter(e -> e.control().equals(st))
                    .findFirst();
            if (refused.isPresent()) {
                x12.segment("IK5", "R", refused.get().code());
                continue;
            }
            List<Reject> own = bySet.getOrDefault(st, List.of());
            for (Reject r : own) {
                x12.segment(
                        "IK3",
                        r.segmentTag(),
                        String.valueOf(Math.max(1, r.positionInSet())),
                        r.loopId(),
                        r.elementPosition() == 0 ? r.errorCode() : "8");
                if (r.memberId() != null && !r.memberId().isBlank()) {
                    String id = r.memberId().length() > CTX_MAX ? r.memberId().substring(0, CTX_MAX) : r.memberId();
                    x12.segment("CTX", X12Writer.composite("REF02", id));
                }
                if (r.elementPosition() > 0) {
                    x12.segment("IK4", String.valueOf(r.elementPosition()), "", r.errorCode());
                }
            }
            accepted++;
            if (own.isEmpty()) {
                x12.segment("IK5", "A");
            } else {
                withErrors++;
                x12.segment("IK5", "E", "5");
            }
        }
        int received = envelope.transactionSets().size();
        String ak901 = accepted == 0 ? "R" : accepted < received ? "P" : withErrors > 0 ? "E" : "A";
        x12.segment(
                "AK9",
                ak901,
                String.valueOf(envelope.setsIncluded()),
                String.valueOf(received),
                String.valueOf(accepted));
        return finish(x12, out);
    }

    /**
     * The acknowledgment of a functional group refused whole (AK905 {@code ak905}): AK1 echoes what was read of the
     * GS, an AK2 with IK5 R for each set that was itself broken, and AK9 R with the counts that were read.
     */
    public static String refusedGroup(Envelope partial, String setType, String ak905, long control, LocalDateTime at) {
        var out = new StringWriter();
        var x12 = start(out, partial, control, at);
        for (Envelope.SetError e : partial.setErrors()) {
            x12.segment("AK2", setType, e.control(), partial.version());
            x12.segment("IK5", "R", e.code());
        }
        x12.segment(
                "AK9",
                "R",
                String.valueOf(partial.setsIncluded()),
                String.valueOf(partial.transactionSets().size()),
                "0",
                ak905);
        return finish(x12, out);
    }

    /** The TA1 of an interchange refused at the ISA/IEA level ({@code ta105} note code), nothing acknowledged. */
    public static String ta1(Envelope partial, String ta105, long control, LocalDateTime at) {
        var out = new StringWriter();
        var x12 = new X12Writer(out);
        x12.interchange(
                partial.receiverQualifier(),
                partial.receiverId(),
                partial.senderQualifier(),
                partial.senderId(),
                X12Writer.control(control),
                at);
        String date = partial.isaDate() == null || partial.isaDate().isBlank()
                ? at.format(DateTimeFormatter.ofPattern("yyMMdd"))
                : partial.isaDate();
        String time = partial.isaTime() == null || partial.isaTime().isBlank()
                ? at.format(DateTimeFormatter.ofPattern("HHmm"))
                : partial.isaTime();
        x12.segment("TA1", partial.isa13(), date, time, "R", ta105);
        x12.endInterchange();
        return out.toString();
    }

    private static X12Writer start(StringWriter out, Envelope envelope, long control, LocalDateTime at) {
        var x12 = new X12Writer(out);
        String number = String.valueOf(control % 1_000_000_000L);
        x12.interchange(
                envelope.receiverQualifier(),
                envelope.receiverId(),
                envelope.senderQualifier(),
                envelope.senderId(),
                X12Writer.control(control),
                at);
        x12.group("FA", envelope.receiverId(), envelope.senderId(), number, VERSION, at);
        x12.transactionSet("999", String.format("%04d", control % 1_000_000_000L), VERSION);
        x12.segment("AK1", envelope.functionalId(), envelope.groupControl(), envelope.version());
        return x12;
    }

    private static String finish(X12Writer x12, StringWriter out) {
        x12.endTransactionSet().endGroup().endInterchange();
        return out.toString();
    }
}
