package org.commonweal.coverage.x12;

/**
 * A member loop that was not applied, and why.
 *
 * @param segmentNumber position of the offending segment in the file
 * @param positionInSet its position in the transaction set (for 999 IK302)
 * @param segmentTag the offending segment, for example {@code REF}
 * @param loopId the loop, for example {@code 2000} or {@code 2300}
 * @param elementPosition the element in error, 0 when the segment is missing or wrong as a whole
 * @param errorCode X12 999 code: IK304 when {@code elementPosition} is 0, else IK403
 * @param configReason set when the loop was refused for the plan's configuration (for example
 *     {@code HD04 plan code ZZ9}), so it can be re-applied once the configuration is fixed; else null
 * @param loopText the loop's segments as received (one per line, {@code *} elements) when {@code configReason} is set
 */
public record Reject(
        String transactionSet,
        int segmentNumber,
        int positionInSet,
        String segmentTag,
        String loopId,
        String memberId,
        int elementPosition,
        String errorCode,
        String reason,
        String configReason,
        String loopText) {

    public Reject(
            String transactionSet,
            int segmentNumber,
            int positionInSet,
            String segmentTag,
            String loopId,
            String memberId,
            int elementPosition,
            String errorCode,
            String reason) {
        this(
                transactionSet,
                segmentNumber,
                positionInSet,
                segmentTag,
                loopId,
                memberId,
                elementPosition,
                errorCode,
                reason,
                null,
                null);
    }
}
