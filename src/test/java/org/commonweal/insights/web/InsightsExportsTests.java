package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class InsightsExportsTests {

    private static InsightsViews.Row row(String period, String count, String rate) {
        return new InsightsViews.Row("spa", 4, period, "Spanish", count, "1,200", rate, null, "", rate);
    }

    @Test
    void aTrendExportHasOneLineForEveryYearMonthAndRunAsShown() {
        Selection s = Selection.parse("members", "spa", "language:es", "current");
        var view = new InsightsViews.TrendView(s, "spa", 4, "4 – Metro", "Language: Spanish", "per 1,000",
                List.of(row("2025", "1,180", "")), List.of(row("2026-10", "*", "*"), row("2026-11", "12", "")),
                List.of());
        var lines = InsightsExports.trendLines(view);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).containsExactly("members", "spa", "4", "4 – Metro", "Language: Spanish", "year", "2025",
                "1,180", "1,200", "", "per 1,000");
        assertThat(lines.get(1).subList(5, 10)).containsExactly("month", "2026-10", "*", "1,200", "*");
        String csv = new String(InsightsExports.csv(InsightsExports.trendHeader(), lines), StandardCharsets.UTF_8);
        assertThat(csv).contains("\r\nmembers,spa,4,4 – Metro,Language: Spanish,month,2026-10,*,\"1,200\",*,"
                + "\"per 1,000\"\r\n");
    }
}
