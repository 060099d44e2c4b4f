package org.commonweal.centers.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ScreeningRangesTests {

    @Test
    void normalMeasuresRaiseNoFlag() {
        var r = ScreeningRanges.assess(115, 75, 90, true, 170.0, 65.0);
        assertThat(r.flags()).isEmpty();
        assertThat(r.bmi()).isEqualByComparingTo(new BigDecimal("22.5"));
        assertThat(r.needsFollowUp()).isFalse();
    }

    @Test
    void flagsHighPressureFastingGlucoseAndObesity() {
        var r = ScreeningRanges.assess(150, 85, 130, true, 160.0, 90.0);
        assertThat(r.flags()).containsExactly("bp-stage-2", "glucose-diabetes-range", "bmi-obese");
        assertThat(r.needsFollowUp()).isTrue();
    }

    @Test
    void aRandomGlucoseIsJudgedAgainstTwoHundred() {
        assertThat(ScreeningRanges.assess(null, null, 150, false, null, null).flags())
                .isEmpty();
        assertThat(ScreeningRanges.assess(null, null, 150, true, null, null).flags())
                .containsExactly("glucose-diabetes-range");
        assertThat(ScreeningRanges.assess(null, null, 60, false, null, null).flags())
                .containsExactly("glucose-low");
    }

    @Test
    void crisisPressureIsNotMistakenForStageTwo() {
        assertThat(ScreeningRanges.assess(190, 100, null, null, null, null).flags())
                .containsExactly("bp-crisis");
        assertThat(ScreeningRanges.assess(85, 55, null, null, null, null).flags())
                .containsExactly("bp-low");
    }
}
