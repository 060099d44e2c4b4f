package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class AggregationTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    @Test
    void aMonthlyRowCountsInItsMonthYearAndTheTrailingTwelveMonthsAtEveryLevelAndGroup() {
        var sums = new Aggregation(TODAY, LocalDate.of(2024, 12, 1));
        sums.addMonthly(Measure.CENTER_VISITS, LocalDate.of(2026, 3, 1), 4, 6, "language", "es", BigDecimal.TEN, null);
        sums.addMonthly(Measure.CENTER_VISITS, LocalDate.of(2025, 3, 1), 4, 6, "language", "en", BigDecimal.ONE, null);
        var figures = sums.figures(k -> null);
        assertThat(figures)
                .filteredOn(f -> f.level().equals("spa")
                        && f.periodKind().equals("current")
                        && f.stratumKind().equals("all"))
                .singleElement()
                .satisfies(f -> assertThat(f.numerator()).isEqualByComparingTo("10"));
        assertThat(figures)
                .filteredOn(f -> f.level().equals("rcac")
                        && f.area() == 6
                        && f.periodKind().equals("year")
                        && f.stratumKind().equals("all"))
                .hasSize(2);
        assertThat(figures)
                .filteredOn(f -> f.level().equals("county") && f.periodKind().equals("month"))
                .hasSize(4);
    }

    @Test
    void distinctKeysAreCountedOnce() {
        var sums = new Aggregation(TODAY, LocalDate.of(2024, 12, 1));
        sums.addMonthly(Measure.GRANT_ORGANIZATIONS, LocalDate.of(2026, 1, 1), 2, 3, null, null, null, "95-1234567");
        sums.addMonthly(Measure.GRANT_ORGANIZATIONS, LocalDate.of(2026, 5, 1), 2, 3, null, null, null, "95-1234567");
        sums.addMonthly(Measure.GRANT_ORGANIZATIONS, LocalDate.of(2026, 5, 1), 2, 3, null, null, null, "95-7654321");
        assertThat(sums.figures(k -> null))
                .filteredOn(f -> f.level().equals("county") && f.periodKind().equals("year"))
                .singleElement()
                .satisfies(f -> assertThat(f.numerator()).isEqualByComparingTo("2"));
    }

    @Test
    void housingHasNoRegionsSoARegionIsIgnored() {
        var sums = new Aggregation(TODAY, LocalDate.of(2024, 12, 1));
        sums.addMonthly(Measure.HOUSING_CLIENTS, LocalDate.of(2026, 11, 1), 4, 6, null, null, BigDecimal.ONE, null);
        assertThat(sums.figures(k -> null)).noneMatch(f -> f.level().equals("rcac"));
    }
}
