package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The diverging scale of the "difference from the county" map, on hand-made differences. */
class InsightsDivergingTests {

    @Test
    void classesAreCentredOnZeroWithANeutralMiddleAndTheLegendNamesTheSameBounds() {
        // differences from the county's rate: the largest is 10 below, so the scale runs from −10 to +10
        var scale = InsightsViews.Diverging.of(
                InsightsClassesTests.rows(-10.0, -7.0, -3.0, -1.0, 0.0, 1.5, 4.0, 9.0, null));
        assertThat(scale.max()).isEqualTo(10.0);
        assertThat(scale.breaks()).containsExactly(-10.0, -6.0, -2.0, 2.0, 6.0, 10.0);
        assertThat(scale.classOf(-10.0)).isZero();
        assertThat(scale.classOf(-7.0)).isZero();
        assertThat(scale.classOf(-6.0)).isEqualTo(1);
        assertThat(scale.classOf(-3.0)).isEqualTo(1);
        assertThat(scale.classOf(-2.0)).isEqualTo(2);
        assertThat(scale.classOf(0.0)).isEqualTo(2);
        assertThat(scale.classOf(1.5)).isEqualTo(2);
        assertThat(scale.classOf(2.0)).isEqualTo(2);
        assertThat(scale.classOf(4.0)).isEqualTo(3);
        assertThat(scale.classOf(6.0)).isEqualTo(3);
        assertThat(scale.classOf(9.0)).isEqualTo(4);
        assertThat(scale.cssClass(2)).isEqualTo("insights-d2");
        assertThat(scale.labels())
                .containsExactly(
                        "\u221210.0 \u2026 \u22126.0",
                        "\u22126.0 \u2026 \u22122.0",
                        "\u22122.0 \u2026 +2.0",
                        "+2.0 \u2026 +6.0",
                        "+6.0 \u2026 +10.0");
        assertThat(scale.format(-3.26)).isEqualTo("\u22123.3");
        assertThat(scale.format(0.0)).isEqualTo("0.0");
    }

    @Test
    void smallDifferencesGetEnoughDecimalsAndNoDifferenceIsOneNeutralClass() {
        // a sequential scale of rates near 0.3 read "0.3 – 0.3"; differences of hundredths must read apart too
        var scale = InsightsViews.Diverging.of(InsightsClassesTests.rows(-0.05, 0.02, 0.01));
        assertThat(scale.labels()).doesNotHaveDuplicates().first().isEqualTo("\u22120.05 \u2026 \u22120.03");
        var none = InsightsViews.Diverging.of(InsightsClassesTests.rows(0.0, 0.0, null));
        assertThat(none.classOf(0.0)).isEqualTo(2);
        assertThat(none.labels()).containsExactly("0.0");
    }
}
