package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NameKeyTests {

    @Test
    void foldsAccentsCaseAndPunctuationTheSameWayForAsciiAndAccentedNames() {
        assertThat(NameKey.of("PEÑA", "MARÍA")).isEqualTo("pena maria");
        assertThat(NameKey.of("Pena", "Maria")).isEqualTo("pena maria");
        assertThat(NameKey.of("  O'NEIL-SMITH ", "Mary  Ann")).isEqualTo("oneilsmith mary ann");
        assertThat(NameKey.of("de la  Cruz", "J. R.")).isEqualTo("de la cruz j r");
        assertThat(NameKey.of("Nguyễn", "Thị")).isEqualTo("nguyen thi");
        assertThat(NameKey.of("Smith3rd\tJr", null)).isEqualTo("smithrdjr");
        assertThat(NameKey.of("", "")).isEmpty();
        assertThat(NameKey.of("- -", "Ann")).isEqualTo("ann");
    }

    @Test
    void readsCcyymmddStrictlyLikeTheIsoBasicFormatter() {
        assertThat(Enrollment834Parser.ccyymmdd("20260229".replace("2026", "2028")))
                .isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Enrollment834Parser.ccyymmdd("19800131")).isEqualTo(LocalDate.of(1980, 1, 31));
        assertThatThrownBy(() -> Enrollment834Parser.ccyymmdd("19801340")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Enrollment834Parser.ccyymmdd("20260229")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Enrollment834Parser.ccyymmdd("2026-1-1")).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Enrollment834Parser.ccyymmdd("2026011")).isInstanceOf(DateTimeException.class);
    }
}
