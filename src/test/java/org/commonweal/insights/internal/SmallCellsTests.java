package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class SmallCellsTests {

    private static BigDecimal n(double value) {
        return BigDecimal.valueOf(value);
    }

    @Test
    void countsFromOneToTenAreSmallButZeroAndElevenAreNot() {
        assertThat(SmallCells.small(n(0))).isFalse();
        assertThat(SmallCells.small(n(1))).isTrue();
        assertThat(SmallCells.small(n(10))).isTrue();
        assertThat(SmallCells.small(n(11))).isFalse();
        assertThat(SmallCells.small(null)).isFalse();
    }

    @Test
    void yearlyAveragesAreJudgedByTheirRoundedValue() {
        assertThat(SmallCells.small(n(10.4))).isTrue();
        assertThat(SmallCells.small(n(10.5))).isFalse();
        assertThat(SmallCells.small(n(0.4)))
                .as("a fraction of a person is still one to ten")
                .isTrue();
    }

    @Test
    void aSmallCountIsMaskedAndSoIsItsRate() {
        var shown = SmallCells.show(Measure.CENTER_VISITS, n(7), n(2500));
        assertThat(shown.count()).isEqualTo(SmallCells.MASK);
        assertThat(shown.rate()).isEqualTo(SmallCells.MASK);
        assertThat(shown.rateValue()).isNull();
        assertThat(shown.denominator()).isEqualTo("2,500");
    }

    @Test
    void aRateOverASmallDenominatorIsMaskedThoughItsCountIsLarge() {
        var shown = SmallCells.show(Measure.HOUSING_RETENTION, n(0), n(9));
        assertThat(shown.count()).isEqualTo("0");
        assertThat(shown.denominator()).isEqualTo(SmallCells.MASK);
        assertThat(shown.rate()).isEqualTo(SmallCells.MASK);
        assertThat(shown.rateSuppressed()).isTrue();
    }

    @Test
    void largeCellsShowCountAndRateInTheMeasuresUnit() {
        assertThat(SmallCells.show(Measure.CENTER_VISITS, n(250), n(10_000)).rate())
                .isEqualTo("25.0");
        assertThat(SmallCells.show(Measure.ADEQUACY, n(873), n(1000)).rate()).isEqualTo("87.3%");
        assertThat(SmallCells.show(Measure.MEMBERS, n(12_345), n(100_000)).count())
                .isEqualTo("12,345");
        assertThat(SmallCells.show(Measure.CENTER_VISITS, n(0), n(5000)).rate()).isEqualTo("0.0");
    }

    @Test
    void dollarsAreNotCountsOfPeopleButTheirRateOverFewMembersIsHidden() {
        var shown = SmallCells.show(Measure.GRANT_DOLLARS, n(5), n(20_000));
        assertThat(shown.count()).isEqualTo("$5");
        assertThat(shown.rate()).isEqualTo("$0.00");
        assertThat(SmallCells.show(Measure.GRANT_DOLLARS, n(250_000), n(4)).rate())
                .isEqualTo(SmallCells.MASK);
    }

    @Test
    void aCountMeasureHasNoRate() {
        var shown = SmallCells.show(Measure.GRANTS_AWARDED, n(42), null);
        assertThat(shown.count()).isEqualTo("42");
        assertThat(shown.rate()).isEmpty();
        assertThat(SmallCells.show(Measure.GRANTS_AWARDED, n(3), null).count()).isEqualTo(SmallCells.MASK);
    }

    @Test
    void noDenominatorMeansNoRateButTheCountIsStillChecked() {
        var shown = SmallCells.show(Measure.MEMBERS, n(4), null);
        assertThat(shown.count()).isEqualTo(SmallCells.MASK);
        assertThat(shown.rate()).isEmpty();
    }
}
