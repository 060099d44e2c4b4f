package org.commonweal.coverage;

import java.time.LocalDate;

/** Where a covered member lives and who they are, for adequacy and analytics; no name, no address line. */
public record MemberResidence(
        String memberId,
        String zip,
        Integer spa,
        Integer rcacRegion,
        Double latitude,
        Double longitude,
        String spokenLanguage,
        String productLine,
        LocalDate birthDate,
        String sex,
        String raceEthnicity) {}
