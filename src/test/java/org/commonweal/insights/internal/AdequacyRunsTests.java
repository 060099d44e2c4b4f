package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.AdequacyFigures;
import org.junit.jupiter.api.Test;

class AdequacyRunsTests {

    private static Adequacy.RunSummary run(long id, LocalDate on, String line) {
        return new Adequacy.RunSummary(
                id, on, line, "full", Instant.EPOCH, Instant.EPOCH, "t", "m", "", "", "", 0, 0, 0, Instant.EPOCH, "");
    }

    @Test
    void theTrendTakesTheNewestRunOfEachDateOfTheNewestRunsScope() {
        LocalDate d1 = LocalDate.of(2026, 9, 1);
        LocalDate d2 = LocalDate.of(2026, 10, 1);
        LocalDate d3 = LocalDate.of(2026, 11, 1);
        var runs =
                List.of(run(9, d3, null), run(8, d3, null), run(7, d2, "medi-cal"), run(6, d2, null), run(5, d1, null));
        assertThat(AdequacyRuns.onePerDate(runs, 10))
                .extracting(Adequacy.RunSummary::id)
                .containsExactly(9L, 6L, 5L);
        assertThat(AdequacyRuns.onePerDate(runs, 2))
                .extracting(Adequacy.RunSummary::id)
                .containsExactly(9L, 6L);
        assertThat(AdequacyRuns.onePerDate(List.of(), 2)).isEmpty();
        assertThat(AdequacyRuns.onePerDate(
                        List.of(run(3, d2, "medi-cal"), run(2, d1, null), run(1, d1, "medi-cal")), 5))
                .extracting(Adequacy.RunSummary::id)
                .containsExactly(3L, 1L);
    }

    @Test
    void aRunsCellsArePerProviderTypeAndAllTypesTogetherPerPlaceDatedOnItsMeasuredOnDate() {
        LocalDate on = LocalDate.of(2026, 10, 1);
        var results = List.of(
                new AdequacyFigures.TypeResult(4, on, 6, null, "pcp", "PCP", "PCP", 100, 90),
                new AdequacyFigures.TypeResult(4, on, 6, null, "ob", "OB", "OB", 40, 10),
                new AdequacyFigures.TypeResult(4, on, null, 3, "pcp", "PCP", "PCP", 70, 70),
                new AdequacyFigures.TypeResult(4, on, null, null, "pcp", "PCP", "PCP", 170, 160));
        var figures = AdequacyRuns.figures(results, "run");
        assertThat(figures).allSatisfy(f -> {
            assertThat(f.periodKind()).isEqualTo("run");
            assertThat(f.period()).isEqualTo(on);
        });
        assertThat(figures)
                .filteredOn(f -> f.level().equals("spa") && f.stratumKind().equals("all"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.numerator()).isEqualByComparingTo(BigDecimal.valueOf(100));
                    assertThat(f.denominator()).isEqualByComparingTo(BigDecimal.valueOf(140));
                });
        assertThat(figures)
                .filteredOn(f -> f.level().equals("rcac") && f.area() == 3)
                .hasSize(2);
        assertThat(figures)
                .filteredOn(f -> f.level().equals("county") && f.stratumValue().equals("pcp"))
                .singleElement()
                .satisfies(f -> assertThat(f.numerator()).isEqualByComparingTo("160"));
        assertThat(AdequacyRuns.figures(List.of(), "run")).isEmpty();
    }
}
