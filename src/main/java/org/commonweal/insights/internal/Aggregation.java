package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Sums source rows into summary cells: each row adds to the county, its SPA and (when known and the measure has them)
 * its RCAC region; to its month, its year and the trailing twelve months; to {@code all} and to its own group.
 */
final class Aggregation {

    record Key(
            Measure measure,
            String level,
            int area,
            String stratumKind,
            String stratumValue,
            String periodKind,
            LocalDate period) {}

    private static final class Sum {
        BigDecimal value = BigDecimal.ZERO;
        Set<String> distinct;
    }

    private final Map<Key, Sum> sums = new LinkedHashMap<>();
    private final LocalDate today;
    private final LocalDate firstMonth;
    private final LocalDate windowStart;

    /**
     * @param firstMonth the first month kept as a monthly figure (years are kept whole from the source's start)
     */
    Aggregation(LocalDate today, LocalDate firstMonth) {
        this.today = today;
        this.firstMonth = firstMonth;
        this.windowStart = today.withDayOfMonth(1).minusMonths(11);
    }

    /** The trailing twelve months, this one included, as the {@code current} figure of a flow. */
    LocalDate windowStart() {
        return windowStart;
    }

    LocalDate today() {
        return today;
    }

    /** The first month kept monthly. */
    LocalDate firstMonth() {
        return firstMonth;
    }

    /** Adds a monthly flow to its month, year and the trailing window. */
    void addMonthly(
            Measure measure,
            LocalDate month,
            Integer spa,
            Integer region,
            String stratumKind,
            String stratumValue,
            BigDecimal amount,
            String distinctKey) {
        addMonthly(measure, month, spa, region, stratumKind, stratumValue, amount, distinctKey, true);
    }

    /** As {@link #addMonthly}, to the group only when {@code withAll} is false (its total is already under all). */
    void addMonthly(
            Measure measure,
            LocalDate month,
            Integer spa,
            Integer region,
            String stratumKind,
            String stratumValue,
            BigDecimal amount,
            String distinctKey,
            boolean withAll) {
        if (!month.isBefore(firstMonth)) {
            add(measure, spa, region, stratumKind, stratumValue, "month", month, amount, distinctKey, withAll);
        }
        add(
                measure,
                spa,
                region,
                stratumKind,
                stratumValue,
                "year",
                month.withDayOfYear(1),
                amount,
                distinctKey,
                withAll);
        if (!month.isBefore(windowStart) && !month.isAfter(today)) {
            add(measure, spa, region, stratumKind, stratumValue, "current", today, amount, distinctKey, withAll);
        }
    }

    /** Adds to the county, the SPA and the region, under {@code all} and, when given, under the group. */
    void add(
            Measure measure,
            Integer spa,
            Integer region,
            String stratumKind,
            String stratumValue,
            String periodKind,
            LocalDate period,
            BigDecimal amount,
            String distinctKey,
            boolean withAll) {
        List<String[]> strata = new ArrayList<>();
        if (withAll) {
            strata.add(new String[] {"all", ""});
        }
        if (stratumKind != null) {
            strata.add(new String[] {stratumKind, stratumValue});
        }
        for (String[] s : strata) {
            put(new Key(measure, "county", 0, s[0], s[1], periodKind, period), amount, distinctKey);
            if (spa != null) {
                put(new Key(measure, "spa", spa, s[0], s[1], periodKind, period), amount, distinctKey);
            }
            if (region != null && measure.regions()) {
                put(new Key(measure, "rcac", region, s[0], s[1], periodKind, period), amount, distinctKey);
            }
        }
    }

    /** Adds to exactly one cell (a source that already split its figures). */
    void put(Key key, BigDecimal amount, String distinctKey) {
        Sum sum = sums.computeIfAbsent(key, k -> new Sum());
        if (distinctKey != null) {
            if (sum.distinct == null) {
                sum.distinct = new HashSet<>();
            }
            sum.distinct.add(distinctKey);
        } else {
            sum.value = sum.value.add(amount);
        }
    }

    /** The cells with their denominators, looked up by key (null where the measure has none). */
    List<Figure> figures(Function<Key, BigDecimal> denominator) {
        List<Figure> figures = new ArrayList<>(sums.size());
        sums.forEach((k, sum) -> figures.add(new Figure(
                k.measure(),
                k.level(),
                k.area(),
                k.stratumKind(),
                k.stratumValue(),
                k.periodKind(),
                k.period(),
                sum.distinct != null ? BigDecimal.valueOf(sum.distinct.size()) : sum.value,
                denominator.apply(k))));
        return figures;
    }
}
