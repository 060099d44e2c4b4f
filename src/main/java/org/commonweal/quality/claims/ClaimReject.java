package org.commonweal.quality.claims;

/**
 * A claim left out of the import, located in the file: the segment's number in the file (ISA = 1), its tag, the
 * 837 loop, the claim's patient control number (CLM01) when known, and the reason in words.
 */
public record ClaimReject(
        int segmentNumber, String segmentTag, String loop, String patientControlNumber, String reason) {

    @Override
    public String toString() {
        return "segment " + segmentNumber + " (" + segmentTag + ", loop " + loop + ")"
                + (patientControlNumber == null ? "" : ", claim " + patientControlNumber) + ": " + reason;
    }
}
