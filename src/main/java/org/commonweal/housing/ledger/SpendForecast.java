package org.commonweal.housing.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spend against a straight-line budget by month, and a forecast to the end of the grant: what is committed
 * (paid, scheduled or held) plus, for each month not yet committed, the average paid over the last six complete
 * months.
 */
final class SpendForecast {

    record Month(
            YearMonth month,
            BigDecimal budget,
            BigDecimal paid,
            BigDecimal committed,
            BigDecimal cumulativeBudget,
            BigDecimal cumulativeCommitted,
            BigDecimal cumulativeForecast) {}

    record Result(
            List<Month> months,
            BigDecimal total,
            BigDecimal committed,
            BigDecimal forecastAtEnd,
            BigDecimal monthlyRunRate) {

        public boolean forecastOverBudget() {
            return forecastAtEnd.compareTo(total) > 0;
        }
    }

    private SpendForecast() {}

    /**
     * @param paid amounts paid by month
     * @param committed amounts paid, scheduled or held by month
     */
    static Result of(
            BigDecimal total,
            LocalDate startsOn,
            LocalDate endsOn,
            Map<YearMonth, BigDecimal> paid,
            Map<YearMonth, BigDecimal> committed,
            LocalDate today) {
        YearMonth first = YearMonth.from(startsOn);
        YearMonth last = YearMonth.from(endsOn);
        int count = (int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        BigDecimal budget = total.divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
        YearMonth current = YearMonth.from(today);
        BigDecimal runRate = runRate(paid, current);
        List<Month> months = new ArrayList<>();
        BigDecimal cumBudget = BigDecimal.ZERO;
        BigDecimal cumCommitted = BigDecimal.ZERO;
        BigDecimal cumForecast = BigDecimal.ZERO;
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            BigDecimal p = paid.getOrDefault(m, BigDecimal.ZERO);
            BigDecimal c = committed.getOrDefault(m, BigDecimal.ZERO);
            cumBudget = cumBudget.add(budget);
            cumCommitted = cumCommitted.add(c);
            boolean future = !m.isBefore(current);
            cumForecast = cumForecast.add(future && c.compareTo(runRate) < 0 ? runRate : c);
            months.add(new Month(m, budget, p, c, cumBudget, cumCommitted, cumForecast));
        }
        return new Result(months, total, cumCommitted, cumForecast, runRate);
    }

    private static BigDecimal runRate(Map<YearMonth, BigDecimal> paid, YearMonth current) {
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 1; i <= 6; i++) {
            sum = sum.add(paid.getOrDefault(current.minusMonths(i), BigDecimal.ZERO));
        }
        return sum.divide(BigDecimal.valueOf(6), 2, RoundingMode.HALF_UP);
    }
}
