package org.commonweal.coverage.x12;

import java.time.LocalDate;
import java.util.List;

/**
 * One member loop (2000) of an 834, as the sender meant it.
 *
 * @param sequence the ordinal of the loop in the file (1-based), the unit of checkpointing
 * @param segmentNumber the position of its INS in the file
 * @param maintenanceType INS03: 001 change, 021 add, 024 cancel/terminate, 025 reinstate, 030 audit
 * @param coverages the 2300 loops
 */
public record MemberTransaction(int sequence, int segmentNumber, String transactionSet, String maintenanceType,
        String memberId, String cin, String mbi, String medicaidId, String countyCode, String caseNumber,
        String lastName, String firstName, String middleName, String phone, String email, String addressLine1,
        String addressLine2, String city, String state, String zip, LocalDate birthDate, String sex,
        String spokenLanguage, String writtenLanguage, LocalDate eligibilityBegin, LocalDate eligibilityEnd,
        List<CoverageLine> coverages) {

    public boolean hasDemographics() {
        return lastName != null && !lastName.isBlank();
    }

    /**
     * One 2300 loop: the health coverage and its 2310 primary care provider.
     *
     * @param planCode HD04 before the ';'
     * @param planStatus HD04 after the ';'
     */
    public record CoverageLine(String maintenanceType, String insuranceLine, String planCode, String planStatus,
            LocalDate begin, LocalDate end, List<String> aidCodes, String pcpNpi, String pcpName,
            String pcpLocation) {
    }
}
