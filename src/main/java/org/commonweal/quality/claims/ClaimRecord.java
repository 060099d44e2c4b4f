package org.commonweal.quality.claims;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One claim (loop 2300) as the 837 sent it, with the subscriber and billing provider it sits under.
 *
 * @param form              {@code P} (professional, 005010X222A1) or {@code I} (institutional, 005010X223A3)
 * @param frequency         CLM05-3: {@code 1} original, {@code 7} replacement, {@code 8} void
 * @param originalReference REF*F8, the claim a replacement or void refers to
 */
record ClaimRecord(
        int segmentNumber,
        String patientControlNumber,
        char form,
        char frequency,
        String originalReference,
        String subscriberId,
        String billingNpi,
        String renderingNpi,
        String placeOfService,
        String facilityType,
        LocalDate statementFrom,
        LocalDate statementTo,
        BigDecimal totalCharge,
        List<String> diagnoses,
        List<String> icd10Procedures,
        List<ServiceLine> lines) {

    /** One service line (loop 2400): SV1 (professional) or SV2 (institutional) with its DTP*472. */
    record ServiceLine(
            int lineNumber,
            LocalDate from,
            LocalDate to,
            String procedureCode,
            List<String> modifiers,
            String revenueCode,
            BigDecimal units,
            BigDecimal charge,
            String placeOfService,
            String renderingNpi) {}
}
