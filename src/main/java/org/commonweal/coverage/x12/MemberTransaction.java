package org.commonweal.coverage.x12;

import java.time.LocalDate;
import java.util.List;

/**
 * One member loop (2000) of an 834, as the sender meant it.
 *
 * @param sequence the ordinal of the loop in the file (1-based), the unit of checkpointing
 * @param segmentNumber the position of its INS in the file
 * @param maintenanceType INS03: 001 change, 021 add, 024 cancel/terminate, 025 reinstate, 030 audit
 * @param cin the Medi-Cal Client Index Number, from {@code REF*1L} only
 * @param mbi the Medicare Beneficiary Identifier, {@code REF*6P}
 * @param medicaidId {@code REF*1D}
 * @param coverages the 2300 loops
 * @param hicn the Medicare Health Insurance Claim number, {@code REF*F6}
 * @param references the loop 2000 references that have no field of their own ({@code REF*23}, {@code REF*17},
 *     {@code REF*DX}, {@code REF*ZZ}, {@code REF*ABB}, unknown qualifiers), as received: {@code qualifier*value}
 * @param positionInSet the position of its INS in the transaction set (ST = 1), for the 999's IK302
 */
public record MemberTransaction(
        int sequence,
        int segmentNumber,
        String transactionSet,
        String maintenanceType,
        String memberId,
        String cin,
        String mbi,
        String medicaidId,
        String countyCode,
        String caseNumber,
        String lastName,
        String firstName,
        String middleName,
        String phone,
        String email,
        String addressLine1,
        String addressLine2,
        String city,
        String state,
        String zip,
        LocalDate birthDate,
        String sex,
        String spokenLanguage,
        String writtenLanguage,
        LocalDate eligibilityBegin,
        LocalDate eligibilityEnd,
        List<CoverageLine> coverages,
        String hicn,
        List<String> references,
        int positionInSet) {

    /** A loop without a Medicare HICN ({@code REF*F6}) or other references, as the generator writes them. */
    public MemberTransaction(
            int sequence,
            int segmentNumber,
            String transactionSet,
            String maintenanceType,
            String memberId,
            String cin,
            String mbi,
            String medicaidId,
            String countyCode,
            String caseNumber,
            String lastName,
            String firstName,
            String middleName,
            String phone,
            String email,
            String addressLine1,
            String addressLine2,
            String city,
            String state,
            String zip,
            LocalDate birthDate,
            String sex,
            String spokenLanguage,
            String writtenLanguage,
            LocalDate eligibilityBegin,
            LocalDate eligibilityEnd,
            List<CoverageLine> coverages) {
        this(
                sequence,
                segmentNumber,
                transactionSet,
                maintenanceType,
                memberId,
                cin,
                mbi,
                medicaidId,
                countyCode,
                caseNumber,
                lastName,
                firstName,
                middleName,
                phone,
                email,
                addressLine1,
                addressLine2,
                city,
                state,
                zip,
                birthDate,
                sex,
                spokenLanguage,
                writtenLanguage,
                eligibilityBegin,
                eligibilityEnd,
                coverages,
                null,
                List.of(),
                0);
    }

    public boolean hasDemographics() {
        return lastName != null && !lastName.isBlank();
    }

    /**
     * One 2300 loop: the health coverage and its 2310 primary care provider.
     *
     * @param planCode HD04 before the ';'
     * @param planStatus HD04 after the ';'
     * @param voided DTP*349 is the day before DTP*348: the DHCS way to cancel a span that never took effect
     */
    public record CoverageLine(
            String maintenanceType,
            String insuranceLine,
            String planCode,
            String planStatus,
            LocalDate begin,
            LocalDate end,
            List<String> aidCodes,
            String pcpNpi,
            String pcpName,
            String pcpLocation,
            boolean voided) {

        public CoverageLine(
                String maintenanceType,
                String insuranceLine,
                String planCode,
                String planStatus,
                LocalDate begin,
                LocalDate end,
                List<String> aidCodes,
                String pcpNpi,
                String pcpName,
                String pcpLocation) {
            this(
                    maintenanceType,
                    insuranceLine,
                    planCode,
                    planStatus,
                    begin,
                    end,
                    aidCodes,
                    pcpNpi,
                    pcpName,
                    pcpLocation,
                    false);
        }
    }
}
