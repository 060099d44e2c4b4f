package org.commonweal.housing;

import java.time.LocalDate;
import java.util.List;

/**
 * Housing for Health clients and 12-month retention counted in the database by SPA and population group, for
 * analytics. Race and gender are mapped from HMIS to the plan's groups: {@code hispanic} when HispanicLatinaeo is
 * among the answers, else {@code white}, {@code black}, {@code asian} for a single answer, {@code other} for any other
 * answer or several, {@code unknown} for none; sex {@code F} (Woman), {@code M} (Man), {@code other}, {@code unknown}.
 * Age bands ({@code 0-17}, {@code 18-64}, {@code 65+}, {@code unknown}) are taken on {@code asOf}.
 */
public interface HousingFigures {

    /**
     * Distinct clients with an enrollment open on any day of each month ({@code periodKind} {@code month}) and each
     * calendar year ({@code year}, period = 1 January) from {@code fromMonth} to {@code asOf}; per SPA of the client
     * (the project's when the client has none) and county-wide ({@code spa} null), split by {@code race}, {@code sex},
     * {@code age} or not ({@code all}).
     */
    List<ClientCount> clientsServed(LocalDate fromMonth, LocalDate asOf);

    /**
     * Retention at 12 months in permanent housing on {@code asOf}: {@code due} = moved in at least 12 months ago (deaths
     * before the checkpoint left out), {@code retained} = still housed at the checkpoint or left for a permanent
     * destination; same places and splits as {@link #clientsServed}, one row per move-in.
     */
    List<Retention> retention12Months(LocalDate asOf);

    record ClientCount(
            String periodKind, LocalDate period, Integer spa, String stratumKind, String stratumValue, long clients) {}

    record Retention(Integer spa, String stratumKind, String stratumValue, long due, long retained) {}
}
