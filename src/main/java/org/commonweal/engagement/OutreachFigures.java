package org.commonweal.engagement;

import java.time.LocalDate;
import java.util.List;

/** Health Promoters' outreach summed by month, place and language in the database, for analytics. */
public interface OutreachFigures {

    /**
     * Outreach events and the people they reached per month, ZIP and SPA of the event (the promoter's SPA when the
     * event has none) and language, from {@code fromMonth} on; reach split by the age groups the promoters record.
     *
     * @param zip the event's ZIP, null when it was not recorded
     */
    List<MonthlyOutreach> monthlyOutreach(LocalDate fromMonth);

    record MonthlyOutreach(
            LocalDate month,
            String zip,
            int spa,
            String language,
            long events,
            long reach,
            long reachAge0to17,
            long reachAge18to64,
            long reachAge65plus) {}
}
