package org.commonweal.network.accuracy;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Business-day arithmetic for SB 137 due dates (weekends skipped; holidays are not modelled). */
public final class BusinessDays {

    private BusinessDays() {}

    public static LocalDate after(LocalDate start, int businessDays) {
        LocalDate day = start;
        int left = businessDays;
        while (left > 0) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return day;
    }
}
