package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Performance levels read from CSV, and how many members a rate is from them, computed by hand. */
class PerformanceLevelsTests {

    private static PerformanceLevels.Level level(String minimum, String high, boolean higherIsBetter) {
        return new PerformanceLevels.Level(
                "CMS125", 2026, new BigDecimal(minimum), new BigDecimal(high), higherIsBetter, "test");
    }

    @Test
    void membersToALevelAreTheMembersToBringIntoTheNumerator() {
        var l = level("52.60", "62.67", true);
        // 14 of 37 met (37.8 %): 52.60 % of 37 is 19.46, so 20 must meet, 6 more; 62.67 % is 23.19, so 24, 10 more
        assertThat(l.membersTo(l.minimum(), 37, 14)).isEqualTo(6);
        assertThat(l.membersTo(l.high(), 37, 14)).isEqualTo(10);
        // exactly at the level (52.60 % of 500 = 263) and beyond it
        assertThat(l.membersTo(l.minimum(), 500, 263)).isZero();
        assertThat(l.membersTo(l.minimum(), 500, 262)).isEqualTo(1);
        assertThat(l.membersTo(l.high(), 10, 10)).isZero();
        assertThat(l.membersTo(l.minimum(), 0, 0)).isZero();
    }

    @Test
    void forALowerIsBetterMeasureTheyAreTheMembersToBringOutOfIt() {
        var l = level("37.96", "29.44", false);
        // 25 of 50 in poor control: at most 18.98 → 18 may be, 7 fewer; at most 14.72 → 14, 11 fewer
        assertThat(l.membersTo(l.minimum(), 50, 25)).isEqualTo(7);
        assertThat(l.membersTo(l.high(), 50, 25)).isEqualTo(11);
        assertThat(l.membersTo(l.minimum(), 50, 18)).isZero();
    }

    @Test
    void everyBadLineIsNamedAndNothingIsTaken() {
        var csv = """
                measure_id,measurement_year,minimum_rate,high_rate,better,source
                CMS125,2026,52.60,62.67,higher,MCAS MY2026
                CMS122,twenty,37.96,29.44,lower,MCAS
                CMS124,2026,101,66.91,higher,MCAS
                CMS130,2026,55.00,42.00,higher,MCAS
                CMS153,2026,55.59,67.70,sideways,MCAS
                CMS125,2026,52.60,62.67,higher,again
                CMS165,2026,61.31
                """;
        assertThatThrownBy(() -> PerformanceLevels.parse(new StringReader(csv)))
                .isInstanceOf(PerformanceLevels.BadLevels.class)
                .satisfies(e -> assertThat(((PerformanceLevels.BadLevels) e).problems())
                        .containsExactly(
                                "line 3, measurement_year: 'twenty' is not a year",
                                "line 4, minimum_rate: 101 is not a percentage from 0 to 100 with at most two decimals",
                                "line 5: the high level 42.00 does not lie beyond the minimum 55.00 for a measure where higher is better",
                                "line 6, better: 'sideways' is neither higher nor lower",
                                "line 7: CMS125 2026 is already given on an earlier line",
                                "line 8: 6 columns expected, found 3"));
        assertThatThrownBy(() -> PerformanceLevels.parse(new StringReader("measure,year\nCMS125,2026\n")))
                .hasMessageContaining("line 1: the header must be measure_id,measurement_year");
    }

    @Test
    void whichWayIsBetterComesFromTheMeasureDefinitions() throws Exception {
        var levels = PerformanceLevels.parse(new StringReader("""
                measure_id,measurement_year,minimum_rate,high_rate,better,source
                CMS122,2026,37.96,29.44,,MCAS
                CMS125,2026,52.60,62.67,,MCAS
                W30-6,2026,58.38,68.00,higher,MCAS
                """));
        assertThat(levels).extracting(PerformanceLevels.Level::higherIsBetter).containsExactly(false, true, true);
        assertThatThrownBy(() -> PerformanceLevels.parse(new StringReader("""
                        measure_id,measurement_year,minimum_rate,high_rate,better,source
                        CMS122,2026,29.44,37.96,higher,MCAS
                        CMS125,2026,62.67,52.60,lower,MCAS
                        W30-6,2026,58.38,68.00,,MCAS
                        """)))
                .isInstanceOf(PerformanceLevels.BadLevels.class)
                .satisfies(e -> assertThat(((PerformanceLevels.BadLevels) e).problems())
                        .containsExactly(
                                "line 2, better: CMS122 is an inverse measure in the measure definitions: lower is"
                                        + " better, not higher",
                                "line 3, better: CMS125 is not an inverse measure in the measure definitions: higher is better,"
                                        + " not lower",
                                "line 4, better: '' is neither higher nor lower"));
    }

    @Test
    void theDemoLevelsAreReadableAndSayTheyAreIllustrative() throws Exception {
        try (var in = new InputStreamReader(
                getClass().getResourceAsStream(PerformanceLevelsDemoData.RESOURCE), StandardCharsets.UTF_8)) {
            var levels = PerformanceLevels.parse(in);
            assertThat(levels)
                    .extracting(PerformanceLevels.Level::measureId)
                    .containsExactly("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS153", "CMS165");
            assertThat(levels).allSatisfy(l -> assertThat(l.source()).contains("illustrative"));
            assertThat(levels.stream().filter(l -> !l.higherIsBetter()).map(PerformanceLevels.Level::measureId))
                    .containsExactly("CMS122");
        }
    }
}
