package org.commonweal.grants;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Awards summed by month and grantee organization in the database, for analytics. */
public interface GrantFigures {

    /**
     * Awards made from {@code fromMonth} on, per month of award and organization (its EIN, so callers can count unique
     * organizations over any span, and its ZIP and SPA, so they can place it).
     */
    List<MonthlyAwards> monthlyAwards(LocalDate fromMonth);

    record MonthlyAwards(
            LocalDate month, String organizationEin, String zip, Integer spa, long awards, BigDecimal amount) {}
}
