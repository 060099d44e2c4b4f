package org.commonweal.engagement.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmallCellsTests {

    @Test
    void hidesCountsFromOneToTenOnlyWhenSuppressing() {
        assertThat(SmallCells.SUPPRESSED.show(0)).isEqualTo("0");
        assertThat(SmallCells.SUPPRESSED.show(1)).isEqualTo("*");
        assertThat(SmallCells.SUPPRESSED.show(10)).isEqualTo("*");
        assertThat(SmallCells.SUPPRESSED.show(11)).isEqualTo("11");
        assertThat(SmallCells.EXACT.show(7)).isEqualTo("7");
    }

    @Test
    void aRowWithASuppressedCellHidesItsTotalAndRate() {
        // 40 marks, 30 in person, 7 remote, 3 absent: with the total shown, "remote" would be 40 - 30 - 3
        assertThat(SmallCells.SUPPRESSED.derived("40", 30, 7, 3)).isEqualTo("*");
        assertThat(SmallCells.SUPPRESSED.derived("85%", 30, 17, 0)).isEqualTo("85%");
        assertThat(SmallCells.EXACT.derived("40", 30, 7, 3)).isEqualTo("40");
    }
}
