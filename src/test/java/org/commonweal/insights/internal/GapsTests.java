package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GapsTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

    private static Figure cell(
            String level, int area, String kind, String value, double numerator, double denominator) {
        return new Figure(
                Measure.CENTER_VISITS,
                level,
                area,
                kind,
                value,
                "current",
                TODAY,
                BigDecimal.valueOf(numerator),
                BigDecimal.valueOf(denominator));
    }

    @Test
    void aGapIsTheShortfallFromTheCountyRateWeightedByTheAreasMembers() {
        // county 100 per 1,000; SPA 1 has 5,000 members and 300 visits: 200 short; SPA 2 1,000 members, 50 visits: 50
        var gaps = Gaps.largest(
                List.of(
                        cell("county", 0, "all", "", 1000, 10_000),
                        cell("spa", 1, "all", "", 300, 5000),
                        cell("spa", 2, "all", "", 50, 1000),
                        cell("spa", 3, "all", "", 650, 4000)),
                10);
        assertThat(gaps).extracting(g -> g.place().area()).containsExactly(1, 2);
        assertThat(gaps.get(0).shortfall()).isEqualTo(200.0);
        assertThat(gaps.get(1).shortfall()).isEqualTo(50.0);
    }

    @Test
    void eachGroupIsMeasuredAgainstTheCountyRateOfTheSameGroup() {
        var gaps = Gaps.largest(
                List.of(
                        cell("county", 0, "language", "es", 200, 1000),
                        cell("county", 0, "language", "en", 50, 1000),
                        cell("spa", 1, "language", "es", 100, 1000),
                        cell("spa", 1, "language", "en", 50, 1000)),
                10);
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).place().stratumValue()).isEqualTo("es");
        assertThat(gaps.get(0).shortfall()).isEqualTo(100.0);
    }

    @Test
    void suppressedCellsAreNotRanked() {
        var gaps = Gaps.largest(
                List.of(
                        cell("county", 0, "all", "", 1000, 10_000),
                        cell("spa", 1, "all", "", 5, 5000),
                        cell("spa", 2, "all", "", 0, 8)),
                10);
        assertThat(gaps).isEmpty();
    }

    @Test
    void onlyTheLargestAreKept() {
        List<Figure> figures = new ArrayList<>();
        figures.add(cell("county", 0, "all", "", 10_000, 100_000));
        for (int area = 1; area <= 11; area++) {
            figures.add(cell("rcac", area, "all", "", 20, 1000 + area * 100));
        }
        var gaps = Gaps.largest(figures, 10);
        assertThat(gaps).hasSize(10);
        assertThat(gaps.get(0).place().area()).isEqualTo(11);
        assertThat(gaps).extracting(g -> g.place().area()).doesNotContain(1);
    }
}
