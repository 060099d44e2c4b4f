package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quantile classes for the map, checked on hand-made values like the ones the issue saw. */
class InsightsClassesTests {

    static List<InsightsViews.Row> rows(Double... values) {
        return Arrays.stream(values)
                .map(v -> new InsightsViews.Row("spa", 1, "a", "all", "", "", "", v, "", ""))
                .toList();
    }

    @Test
    void oneLowAreaNoLongerPushesTheOthersIntoOneShade() {
        // ten areas between 0.31 and 0.40 and one at 0.05: equal intervals put the ten in one or two shades
        var classes = InsightsViews.Classes.of(rows(0.05, 0.31, 0.32, 0.33, 0.34, 0.35, 0.36, 0.37, 0.38, 0.39, 0.40));
        assertThat(classes.highs()).hasSize(5);
        var shades = rows(0.31, 0.33, 0.35, 0.37, 0.40).stream()
                .map(r -> classes.cssClass(classes.classOf(r.value())))
                .distinct()
                .toList();
        assertThat(shades).hasSize(5);
        // labels with enough decimals to differ: never "0.3 – 0.3"
        assertThat(classes.labels(false))
                .doesNotHaveDuplicates()
                .containsExactly("0.05 – 0.32", "0.33 – 0.34", "0.35 – 0.36", "0.37 – 0.38", "0.39 – 0.40");
    }

    @Test
    void equalValuesShareAClassAndOneValueGivesTheMiddleShade() {
        var classes = InsightsViews.Classes.of(rows(2.0, 2.0, 2.0, null));
        assertThat(classes.highs()).containsExactly(2.0);
        assertThat(classes.cssClass(0)).isEqualTo("insights-c2");
        assertThat(classes.labels(false)).containsExactly("2.0");
        var counts = InsightsViews.Classes.of(rows(1.0, 1.0, 5.0, 9.0, 9.0, 12.0));
        assertThat(counts.labels(true)).doesNotHaveDuplicates();
        assertThat(counts.classOf(1.0)).isZero();
        assertThat(counts.cssClass(counts.classOf(12.0))).isEqualTo("insights-c4");
    }
}
