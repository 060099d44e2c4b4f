package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InsightsExportsTests {

    private static InsightsViews.Row row(String period, String count, String rate) {
        return new InsightsViews.Row("spa", 4, period, "Spanish", count, "1,200", rate, null, "", rate);
    }

    /** #22: numbers as numbers, the unit in the column's name, the suppression mark in its own column. */
    @Test
    void aTrendExportHasOneLineForEveryYearMonthAndRunWithPlainNumbers() {
        Selection s = Selection.parse("members", "spa", "language:es", "current");
        var view = new InsightsViews.TrendView(
                s,
                "spa",
                4,
                "4 – Metro",
                "Language: Spanish",
                "per 1,000",
                List.of(row("2025", "1,180", "983.3")),
                List.of(row("2026-10", "*", "*"), row("2026-11", "12", "")),
                List.of());
        var lines = InsightsExports.trendLines(view);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0))
                .containsExactly(
                        "members",
                        "spa",
                        "4",
                        "4 – Metro",
                        "Language: Spanish",
                        "year",
                        "2025",
                        "1180",
                        "1200",
                        "983.3",
                        "");
        assertThat(lines.get(1).subList(5, 11))
                .containsExactly("month", "2026-10", "", "1200", "", "count;rate_per_1000");
        String csv = new String(
                InsightsExports.csv(InsightsExports.trendHeader(s.measure()), lines), StandardCharsets.UTF_8);
        assertThat(csv)
                .contains(
                        "measure,level,area,area_name,group,period_kind,period,count,denominator,"
                                + "rate_per_1000,suppressed\r\n",
                        "\r\nmembers,spa,4,4 – Metro,Language: Spanish,month,2026-10,,1200,,"
                                + "count;rate_per_1000\r\n");
    }

    @Test
    void shownFiguresBecomePlainNumbers() {
        assertThat(InsightsExports.plain("1,243")).isEqualTo("1243");
        assertThat(InsightsExports.plain("54.3%")).isEqualTo("54.3");
        assertThat(InsightsExports.plain("$1,012.50")).isEqualTo("1012.50");
        assertThat(InsightsExports.plain("-3.5")).isEqualTo("-3.5");
        assertThat(InsightsExports.plain("no data")).isEmpty();
        assertThat(InsightsExports.plain("")).isEmpty();
    }
}
