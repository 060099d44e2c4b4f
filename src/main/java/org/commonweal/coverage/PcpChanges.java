package org.commonweal.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A member's requests to change primary care provider ("make this my doctor" in Find a Doctor), checked against the
 * rules of the member's product line, and member services' decisions on them. Every read and change is audited.
 */
public interface PcpChanges {

    /**
     * Files the request for the member's coverage today, replacing an open one (withdrawn).
     *
     * @throws PcpChangeRefused when a rule of the product line refuses it, with the rule's message key
     */
    PcpChangeRequest request(String memberId, PcpChoice choice, String username);

    /** The member's requests, newest first. */
    List<PcpChangeRequest> forMember(String memberId, String purpose);

    /** Open requests of every member, oldest first: member services' queue. */
    List<PcpChangeRequest> open(int limit);

    /**
     * Member services' decision: approved, the doctor becomes the PCP of the member's coverage on the effective date
     * (history and audit say who and why); declined, the member sees the reason.
     *
     * @throws IllegalStateException when the request is not open any more
     */
    PcpChangeRequest decide(long requestId, boolean approve, String note, String username);

    /**
     * The doctor and office a member picked, as the directory lists them.
     *
     * @param directoryProductLines the directory product lines ({@code medi-cal}, {@code medicare} …) whose
     *                              networks the doctor takes at this office
     * @param primaryCare           whether the doctor practises primary care there
     * @param acceptingNewPatients  whether the doctor takes new patients there
     */
    record PcpChoice(
            String practitionerId,
            String npi,
            String name,
            String locationId,
            String locationName,
            String phone,
            String medicalGroup,
            List<String> directoryProductLines,
            boolean primaryCare,
            boolean acceptingNewPatients) {}

    /** A request and what became of it; {@code status} is open, approved, declined or withdrawn. */
    record PcpChangeRequest(
            long id,
            String memberId,
            String practitionerId,
            String npi,
            String practitionerName,
            String locationName,
            String phone,
            String medicalGroup,
            Instant requestedAt,
            LocalDate effectiveOn,
            String status,
            String decisionNote) {}

    /** A rule of the product line refused the request; {@code messageKey} says which, in the member's language. */
    final class PcpChangeRefused extends RuntimeException {

        private final String messageKey;

        public PcpChangeRefused(String messageKey) {
            super(messageKey);
            this.messageKey = messageKey;
        }

        public String messageKey() {
            return messageKey;
        }
    }
}
