package org.commonweal.coverage.x12;

import java.util.List;

/**
 * What the envelope of an interchange says, checked: control numbers match, counts match, versions known.
 *
 * @param senderId ISA06, trimmed
 * @param receiverId ISA08, trimmed
 * @param groupControl GS06 of the (first) functional group
 * @param functionalId GS01
 * @param version GS08
 * @param transactionSets the ST02 control numbers in order, good and bad
 * @param sha256 hex digest of the whole file, with ISA13 the key of idempotence
 * @param senderQualifier ISA05
 * @param receiverQualifier ISA07
 * @param isaDate ISA09 (YYMMDD), for a TA1
 * @param isaTime ISA10 (HHMM), for a TA1
 * @param setsIncluded GE01 as the sender counted (what AK902 echoes), or the sets read when there was no GE
 * @param setErrors the transaction sets refused by themselves (wrong SE01, SE02, ST03): not applied, IK5 R
 */
public record Envelope(
        String senderId,
        String receiverId,
        String isa13,
        String groupControl,
        String functionalId,
        String version,
        List<String> transactionSets,
        int segments,
        String sha256,
        String senderQualifier,
        String receiverQualifier,
        String isaDate,
        String isaTime,
        int setsIncluded,
        List<SetError> setErrors) {

    /**
     * A transaction set refused because of its own header or trailer.
     *
     * @param code the 999 IK502 code: 3 control numbers differ, 4 wrong segment count, I6 unsupported implementation
     */
    public record SetError(String control, String code, String reason) {}

    public boolean setRefused(String control) {
        return setErrors.stream().anyMatch(e -> e.control().equals(control));
    }

    /** Whether every transaction set was refused (then nothing of the interchange is applied). */
    public boolean allSetsRefused() {
        return !transactionSets.isEmpty() && setErrors.size() >= transactionSets.size();
    }
}
