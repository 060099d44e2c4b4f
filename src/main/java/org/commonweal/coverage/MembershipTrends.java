package org.commonweal.coverage;

import java.time.LocalDate;
import java.util.List;

/**
 * Members covered on the first day of each month, per place and population group, computed in the database in one
 * set-based query (no member × month scan); for analytics. No member identifiers leave the module.
 */
public interface MembershipTrends {

    /**
     * Members covered on the first day of each month from {@code fromMonth} to {@code toMonth}, per SPA, per RCAC
     * region and county-wide ({@code spa} and {@code rcacRegion} both null), each split one way at a time as
     * {@link MembershipFigures#activeMembers} splits them: {@code all}, {@code product_line} (the line of the newest
     * span covering the day), {@code language}, {@code race}, {@code age} (band on that day) or {@code sex}.
     */
    List<MonthCount> monthlyMembersByGroup(LocalDate fromMonth, LocalDate toMonth);

    record MonthCount(
            LocalDate month, Integer spa, Integer rcacRegion, String stratumKind, String stratumValue, long members) {}
}
