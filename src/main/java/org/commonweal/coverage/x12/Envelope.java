package org.commonweal.coverage.x12;

import java.util.List;

/**
 * What the envelope of an interchange says, checked: control numbers match, counts match, versions known.
 *
 * @param sha256 hex digest of the whole file, with ISA13 the key of idempotence
 * @param transactionSets the ST02 control numbers in order
 */
public record Envelope(String senderId, String receiverId, String isa13, String groupControl, String functionalId,
        String version, List<String> transactionSets, int segments, String sha256) {
}
