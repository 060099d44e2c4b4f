package org.commonweal.centers;

import java.time.LocalDate;
import java.util.List;

/** Monthly counts of center use, summed in the database, for analytics; no person is identified. */
public interface CenterFigures {

    /**
     * Walk-in visits ({@code kind} {@code visit}) and class attendances ({@code attendance}: registrations checked in)
     * per month, center and language of the visitor, from {@code fromMonth} on.
     *
     * @param centerZip the center's ZIP, so callers can place it in a SPA or region
     */
    List<MonthlyUse> monthlyUse(LocalDate fromMonth);

    record MonthlyUse(
            LocalDate month,
            String kind,
            String centerCode,
            String centerZip,
            int centerSpa,
            String language,
            long count) {}
}
