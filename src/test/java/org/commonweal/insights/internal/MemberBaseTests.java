package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemberBaseTests {

    @Test
    void aGroupsMonthlyAndYearlyMembersAreTheDenominatorsOfThatGroupsRates() {
        LocalDate march = LocalDate.of(2026, 3, 1);
        LocalDate year = LocalDate.of(2026, 1, 1);
        var base = new MemberBase(List.of(
                new Figure(Measure.MEMBERS, "spa", 4, "language", "es", "month", march, BigDecimal.valueOf(1200), null),
                new Figure(Measure.MEMBERS, "spa", 4, "language", "es", "year", year, new BigDecimal("1180.5"), null),
                new Figure(Measure.MEMBERS, "spa", 4, "all", "", "month", march, BigDecimal.valueOf(5000), null),
                new Figure(
                        Measure.MEMBERS,
                        "spa",
                        4,
                        "language",
                        "es",
                        "current",
                        LocalDate.of(2026, 11, 29),
                        BigDecimal.valueOf(1300),
                        null)));
        assertThat(base.of(new Aggregation.Key(Measure.CENTER_VISITS, "spa", 4, "language", "es", "month", march)))
                .isEqualByComparingTo("1200");
        assertThat(base.of(new Aggregation.Key(Measure.CENTER_VISITS, "spa", 4, "language", "es", "year", year)))
                .isEqualByComparingTo("1180.5");
        assertThat(base.of(new Aggregation.Key(Measure.CENTER_VISITS, "spa", 4, "all", "", "month", march)))
                .isEqualByComparingTo("5000");
        // current figures are matched whatever day a flow's window is dated
        assertThat(base.of(new Aggregation.Key(
                        Measure.CENTER_VISITS, "spa", 4, "language", "es", "current", LocalDate.of(2026, 11, 30))))
                .isEqualByComparingTo("1300");
        assertThat(base.of(new Aggregation.Key(Measure.CENTER_VISITS, "spa", 4, "language", "en", "month", march)))
                .isNull();
    }
}
