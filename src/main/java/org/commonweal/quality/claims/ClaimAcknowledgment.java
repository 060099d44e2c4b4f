package org.commonweal.quality.claims;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.coverage.x12.Ack999Writer;
import org.commonweal.coverage.x12.Envelope;
import org.commonweal.coverage.x12.Reject;

/**
 * The 999 of an 837 file, written by coverage's {@link Ack999Writer} (the 834's): AK1 echoes the group, one AK2 per
 * transaction set with an IK3 for each rejected claim, located by the segment's position in its set (ST = 1) and
 * the 837 loop, IK304 {@code 8} (segment has data element errors) or {@code I6}/{@code 3} for something missing;
 * IK5 {@code E} for a set with rejected claims (its other claims are stored), {@code R} for a set refused by its own
 * header or trailer; AK9 {@code A}, {@code E}, {@code P} or {@code R}. The claim's CLM01 is not repeated in a CTX
 * (the writer's CTX names a member): the file's reject list in the inbox has it beside the segment position.
 */
final class ClaimAcknowledgment {

    private ClaimAcknowledgment() {}

    static String write(
            Envelope envelope,
            List<Claim837Parser.SetStart> sets,
            List<ClaimReject> rejects,
            long control,
            LocalDateTime at) {
        var located = new ArrayList<Reject>(rejects.size());
        for (ClaimReject r : rejects) {
            Claim837Parser.SetStart set = null;
            for (var s : sets) {
                if (s.segment() <= r.segmentNumber()) set = s;
            }
            if (set == null) continue;
            located.add(new Reject(
                    set.control(),
                    r.segmentNumber(),
                    r.segmentNumber() - set.segment() + 1,
                    r.segmentTag(),
                    r.loop(),
                    null,
                    0,
                    code(r.reason()),
                    r.reason()));
        }
        return Ack999Writer.accepted(envelope, "837", located, control, at);
    }

    /** IK304: a required segment missing (I6 when the guide makes it situational), else data element errors. */
    private static String code(String reason) {
        if (reason.startsWith("no ") || reason.contains(": no ")) return "3";
        if (reason.contains("needs REF*F8")) return "I6";
        return "8";
    }
}
