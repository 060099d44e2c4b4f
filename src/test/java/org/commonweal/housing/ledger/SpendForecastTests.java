package org.commonweal.housing.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendForecastTests {

    @Test
    void budgetIsStraightLineAndForecastAddsTheRunRateToUncommittedMonths() {
        Map<YearMonth, BigDecimal> paid = new HashMap<>();
        for (int m = 1; m <= 6; m++) {
            paid.put(YearMonth.of(2026, m), new BigDecimal("100.00"));
        }
        Map<YearMonth, BigDecimal> committed = new HashMap<>(paid);
        committed.put(YearMonth.of(2026, 7), new BigDecimal("40.00"));
        committed.put(YearMonth.of(2026, 8), new BigDecimal("250.00"));
        var result = SpendForecast.of(
                new BigDecimal("1200.00"),
                LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31),
                paid,
                committed,
                LocalDate.of(2026, 7, 10));
        assertThat(result.months()).hasSize(12);
        assertThat(result.months().get(0).budget()).isEqualByComparingTo("100.00");
        assertThat(result.monthlyRunRate()).isEqualByComparingTo("100.00");
        assertThat(result.committed()).isEqualByComparingTo("890.00");
        // Jan–Jun 600 paid; Jul 40 committed < run rate → 100; Aug 250 committed; Sep–Dec 4 × 100
        assertThat(result.forecastAtEnd()).isEqualByComparingTo("1350.00");
        assertThat(result.forecastOverBudget()).isTrue();
    }
}
