package org.commonweal.centers;

import java.time.Instant;

/** One dated meeting of a class series, with its seats. */
public record ClassSession(
        long id,
        long seriesId,
        int centerId,
        String centerCode,
        String centerName,
        String category,
        String titleEn,
        String titleEs,
        String language,
        String instructor,
        String room,
        Instant startsAt,
        Instant endsAt,
        int capacity,
        int taken,
        int waitlisted,
        boolean cancelled,
        String eligibility) {

    public int seatsLeft() {
        return Math.max(0, capacity - taken);
    }

    public String title(String locale) {
        return "es".equals(locale) ? titleEs : titleEn;
    }
}
