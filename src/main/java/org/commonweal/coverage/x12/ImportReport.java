package org.commonweal.coverage.x12;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What an 834 import did.
 *
 * @param status where the import stands ({@link ImportStatus})
 * @param reconcileCandidates members with open coverage missing from a full file
 */
public record ImportReport(
        long id,
        String fileName,
        ImportStatus status,
        String message,
        String isa13,
        LocalDate fileDate,
        String purpose,
        Instant startedAt,
        Instant finishedAt,
        long sizeBytes,
        long bytesRead,
        int transactions,
        int adds,
        int changes,
        int terms,
        int reinstates,
        int audits,
        int unchanged,
        int rejects,
        boolean outOfOrder,
        Integer reconcileCandidates,
        Integer reconciled,
        List<RejectLine> rejectLines,
        String ack999) {

    /**
     * @param segmentNumber the offending segment's position in the file (ISA = 1)
     * @param positionInSet its position in the transaction set (ST = 1), as in the 999's IK302
     */
    public record RejectLine(
            int segmentNumber,
            String loopId,
            String memberId,
            String reason,
            String segmentTag,
            int positionInSet,
            String transactionSet) {}

    /** The acknowledgment's file extension: {@code ta1} for an interchange refused by a TA1, else {@code 999}. */
    public String ackExtension() {
        return ack999 != null && ack999.contains("~\nTA1*") ? "ta1" : "999";
    }

    public int percent() {
        return sizeBytes <= 0 ? 0 : (int) Math.min(100, bytesRead * 100 / sizeBytes);
    }

    public boolean finished() {
        return status != ImportStatus.RUNNING;
    }

    /** A few lines for the command line and logs; no member data beyond ids in rejects. */
    public String summary() {
        var s = new StringBuilder();
        s.append("import #")
                .append(id)
                .append(' ')
                .append(fileName)
                .append(": ")
                .append(status);
        if (message != null) {
            s.append(" — ").append(message);
        }
        s.append('\n')
                .append("  ")
                .append(purpose == null ? "" : purpose + " file ")
                .append(fileDate == null ? "" : "dated " + fileDate + " ")
                .append("ISA13 ")
                .append(isa13)
                .append('\n');
        s.append("  transactions ")
                .append(transactions)
                .append(": adds ")
                .append(adds)
                .append(", changes ")
                .append(changes)
                .append(", terms ")
                .append(terms)
                .append(", reinstates ")
                .append(reinstates)
                .append(", audits ")
                .append(audits)
                .append(", unchanged ")
                .append(unchanged)
                .append(", rejects ")
                .append(rejects)
                .append('\n');
        if (outOfOrder) {
            s.append("  WARNING: applied out of order (an import with a later file date was already applied)\n");
        }
        if (reconcileCandidates != null) {
            s.append("  reconcile: ")
                    .append(reconcileCandidates)
                    .append(" members with open coverage are missing")
                    .append(reconciled == null ? " (awaiting approval)" : ", " + reconciled + " spans closed")
                    .append('\n');
        }
        for (RejectLine r : rejectLines) {
            s.append("  reject ")
                    .append(r.segmentTag())
                    .append(" segment ")
                    .append(r.segmentNumber())
                    .append(" (position ")
                    .append(r.positionInSet())
                    .append(" in set ")
                    .append(r.transactionSet())
                    .append(") loop ")
                    .append(r.loopId())
                    .append(" member ")
                    .append(r.memberId() == null ? "?" : r.memberId())
                    .append(": ")
                    .append(r.reason())
                    .append('\n');
        }
        return s.toString();
    }
}
