package org.commonweal.coverage;

import java.time.LocalDate;

/** A member as other modules see them. */
public record MemberSummary(
        String memberId,
        String cin,
        String mbi,
        String firstName,
        String lastName,
        LocalDate birthDate,
        String sex,
        String zip,
        Integer spa,
        Integer rcacRegion,
        String spokenLanguage,
        String writtenLanguage,
        String raceEthnicity) {}
