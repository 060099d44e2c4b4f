package org.commonweal.coverage;

import java.time.LocalDate;
import java.util.List;

/**
 * Counts of covered members by place and population group, computed in the database (one set-based query), for
 * analytics that must not stream 2.9 million members. No member identifiers leave the module.
 */
public interface MembershipFigures {

    /**
     * Members covered on {@code date}, counted per SPA, per RCAC region and county-wide ({@link Count#spa()} and
     * {@link Count#rcacRegion()} both null), each split one way at a time: by product line, spoken language,
     * race/ethnicity, age band ({@code 0-17}, {@code 18-64}, {@code 65+}, {@code unknown}) or sex, or not split
     * ({@code stratumKind} {@code all}). A member with two spans on the date counts once, in the newest span's line.
     */
    List<Count> activeMembers(LocalDate date);

    /** Members covered on the first day of each month from {@code fromMonth} to {@code toMonth}, per SPA, region and county. */
    List<MonthCount> monthlyMembers(LocalDate fromMonth, LocalDate toMonth);

    /**
     * @param stratumKind {@code all}, {@code product_line}, {@code language}, {@code race}, {@code age} or {@code sex}
     * @param stratumValue the group, empty for {@code all}; {@code unknown} when the member record lacks it
     */
    record Count(Integer spa, Integer rcacRegion, String stratumKind, String stratumValue, long members) {}

    record MonthCount(LocalDate month, Integer spa, Integer rcacRegion, long members) {}
}
