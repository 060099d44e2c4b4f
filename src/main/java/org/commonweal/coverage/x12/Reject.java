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
 */
public record Reject(String transactionSet, int segmentNumber, int positionInSet, String segmentTag, String loopId,
        String memberId, int elementPosition, String errorCode, String reason) {
}
