package org.commonweal.coverage.x12;

import java.io.StringWriter;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the X12 999 implementation acknowledgment (005010X231A1) of a received interchange: one AK2/IK5 per
 * transaction set, an IK3 (and IK4 for an element) per rejected member loop, and AK9 for the group.
 */
public final class Ack999Writer {

    public static final String VERSION = "005010X231A1";

    private Ack999Writer() {
    }

    /** The acknowledgment of an interchange that was read; rejected member loops make their set "E". */
    public static String accepted(Envelope envelope, String setType, String setVersion, List<Reject> rejects,
            long control, LocalDateTime at) {
        var out = new StringWriter();
        var x12 = start(out, envelope.receiverId(), envelope.senderId(), envelope.functionalId(),
                envelope.groupControl(), setVersion, control, at);
        Map<String, List<Reject>> bySet = rejects.stream().filter(r -> r.transactionSet() != null)
                .collect(Collectors.groupingBy(Reject::transactionSet));
        int withErrors = 0;
        for (String st : envelope.transactionSets()) {
            x12.segment("AK2", setType, st, setVersion);
            List<Reject> own = bySet.getOrDefault(st, List.of());
            for (Reject r : own) {
                x12.segment("IK3", r.segmentTag(), String.valueOf(Math.max(1, r.positionInSet())), r.loopId(),
                        r.elementPosition() == 0 ? r.errorCode() : "8");
                if (r.elementPosition() > 0) {
                    x12.segment("IK4", String.valueOf(r.elementPosition()), "", r.errorCode());
                }
            }
            if (own.isEmpty()) {
                x12.segment("IK5", "A");
            } else {
                withErrors++;
                x12.segment("IK5", "E", "5");
            }
        }
        int sets = envelope.transactionSets().size();
        x12.segment("AK9", withErrors == 0 ? "A" : "E", String.valueOf(sets), String.valueOf(sets),
                String.valueOf(sets));
        return finish(x12, out);
    }

    /** The acknowledgment of an interchange refused whole because of its envelope. */
    public static String refused(String sender, String receiver, String groupControl, String firstSet,
            String setType, String setVersion, String reason, long control, LocalDateTime at) {
        var out = new StringWriter();
        var x12 = start(out, receiver, sender, setType.equals("834") ? "BE" : "HS", groupControl, setVersion,
                control, at);
        String ak905 = reason.contains("version") ? "2" : reason.contains("GE02") ? "4" : reason.contains("GE01") ? "5"
                : reason.contains("IEA") || reason.contains("trailer") ? "3" : "5";
        if (firstSet != null && (reason.contains("SE01") || reason.contains("SE02") || reason.contains("SE "))) {
            x12.segment("AK2", setType, firstSet, setVersion);
            x12.segment("IK5", "R", reason.contains("SE02") ? "3" : "4");
        }
        x12.segment("AK9", "R", "0", "0", "0", ak905);
        return finish(x12, out);
    }

    private static X12Writer start(StringWriter out, String sender, String receiver, String functionalId,
            String groupControl, String setVersion, long control, LocalDateTime at) {
        var x12 = new X12Writer(out);
        String from = sender == null || sender.isBlank() ? Enrollment834Writer.RECEIVER : sender;
        String to = receiver == null || receiver.isBlank() ? "UNKNOWN" : receiver;
        x12.interchange(from, to, X12Writer.control(control), at);
        x12.group("FA", from, to, String.valueOf(control % 1_000_000_000L), VERSION, at);
        x12.transactionSet("999", "0001", VERSION);
        x12.segment("AK1", functionalId, groupControl == null || groupControl.isBlank() ? "0" : groupControl, setVersion);
        return x12;
    }

    private static String finish(X12Writer x12, StringWriter out) {
        x12.endTransactionSet().endGroup().endInterchange();
        return out.toString();
    }
}
