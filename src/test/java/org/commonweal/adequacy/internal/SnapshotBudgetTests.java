package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SnapshotBudgetTests {

    @Test
    void theBudgetIsAQuarterOfTheHeapUnlessSet() {
        assertThat(AdequacyService.memberBudget("", 1L << 30)).isEqualTo(256L << 20);
        assertThat(AdequacyService.memberBudget(null, 4L << 30)).isEqualTo(1L << 30);
        assertThat(AdequacyService.memberBudget(" 600MB ", 1L << 30)).isEqualTo(600L << 20);
        assertThat(AdequacyService.memberBudget("0", 1L << 30)).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> AdequacyService.memberBudget("lots", 1L << 30));
    }
}
