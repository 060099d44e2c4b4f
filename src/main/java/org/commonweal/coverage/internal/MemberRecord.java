package org.commonweal.coverage.internal;

import java.time.LocalDate;
import org.commonweal.coverage.MemberSummary;

/** Everything stored about a member, for member services and self-service. */
record MemberRecord(
        String memberId,
        String cin,
        String mbi,
        String medicaidId,
        String firstName,
        String middleName,
        String lastName,
        LocalDate birthDate,
        String sex,
        String addressLine1,
        String addressLine2,
        String city,
        String state,
        String zip,
        String countyCode,
        Integer spa,
        Integer rcacRegion,
        String phone,
        String email,
        String spokenLanguage,
        String writtenLanguage,
        String raceEthnicity) {

    MemberSummary summary() {
        return new MemberSummary(
                memberId,
                cin,
                mbi,
                firstName,
                lastName,
                birthDate,
                sex,
                zip,
                spa,
                rcacRegion,
                spokenLanguage,
                writtenLanguage,
                raceEthnicity);
    }

    public String fullName() {
        return middleName == null || middleName.isBlank()
                ? firstName + " " + lastName
                : firstName + " " + middleName + " " + lastName;
    }
}
