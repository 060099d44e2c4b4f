package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.commonweal.grants.internal.GrantsHistory.HistoricAward;
import org.commonweal.grants.internal.GrantsHistory.ProgramCode;
import org.junit.jupiter.api.Test;

class GrantsHistoryTests {

    private final List<HistoricAward> history = GrantsHistory.plan(new Random(2026), 2026);

    private BigDecimal total(ProgramCode program) {
        return history.stream()
                .filter(a -> program == null || a.program() == program)
                .map(HistoricAward::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Test
    void matchesThePublicFiguresOfTheFund() {
        assertThat(total(null)).isGreaterThan(new BigDecimal("105000000")).isLessThan(new BigDecimal("115000000"));
        assertThat(history).hasSizeGreaterThan(800);
        assertThat(history.stream().map(HistoricAward::organization).distinct().count())
                .isGreaterThan(240);
        assertThat(history.stream().mapToInt(HistoricAward::year).min().orElseThrow())
                .isEqualTo(2000);
    }

    @Test
    void oralHealthIsAboutTwelveMillionSince2003() {
        assertThat(total(ProgramCode.ORAL)).isEqualByComparingTo("12000000");
        assertThat(history.stream()
                        .filter(a -> a.program() == ProgramCode.ORAL)
                        .mapToInt(HistoricAward::year)
                        .min()
                        .orElseThrow())
                .isEqualTo(2003);
    }

    @Test
    void homelessHealthCareIsTwentyMillionOverFiveYearsFrom2017() {
        assertThat(total(ProgramCode.HHC)).isEqualByComparingTo("20000000");
        assertThat(history.stream()
                        .filter(a -> a.program() == ProgramCode.HHC)
                        .map(HistoricAward::year)
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(2017, 2018, 2019, 2020, 2021);
    }

    @Test
    void tranquadaRoundsSince2007SplitAmongTenToFourteenClinicsWithinTheCap() {
        Map<Integer, List<HistoricAward>> rounds = history.stream()
                .filter(a -> a.program() == ProgramCode.TRANQUADA)
                .collect(Collectors.groupingBy(HistoricAward::year));
        assertThat(rounds.keySet().stream().mapToInt(Integer::intValue).min().orElseThrow())
                .isEqualTo(2007);
        rounds.forEach((year, awards) -> {
            BigDecimal round = awards.stream().map(HistoricAward::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(round).as("round " + year).isBetween(new BigDecimal("1400000"), new BigDecimal("2100000"));
            assertThat(awards).hasSizeBetween(10, 14);
            BigDecimal cap = new BigDecimal(year <= 2015 ? "150000" : "175000");
            assertThat(awards).allSatisfy(a -> {
                assertThat(a.amount()).isLessThanOrEqualTo(cap);
                assertThat(GrantsHistory.isClinic(a.organization())).isTrue();
            });
        });
    }

    @Test
    void splitsAddUpExactlyInWholeFiveHundreds() {
        var parts = GrantsHistory.split(new BigDecimal("1000000"), 7, new BigDecimal("175000"), new Random(1));
        assertThat(parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1000000");
        assertThat(parts)
                .allSatisfy(p -> assertThat(p.remainder(new BigDecimal("500"))).isEqualByComparingTo("0"));
    }
}
