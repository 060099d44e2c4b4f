package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.coverage.PcpChanges.PcpChangeRefused;
import org.commonweal.coverage.PcpChanges.PcpChoice;
import org.junit.jupiter.api.Test;

/** The product-line rules of a PCP change, without Spring: who may be chosen, and from when. */
class PcpChangeRulesTests {

    static PcpChoice choice(List<String> lines, boolean primaryCare, boolean accepting) {
        return new PcpChoice(
                "pr-1", "1234567893", "Ana Ruiz, MD", "loc-1", "Office", null, null, lines, primaryCare, accepting);
    }

    @Test
    void aChangeTakesEffectOnTheFirstOfTheNextMonthEvenOnTheLastDayOfTheYear() {
        var ok = choice(List.of("medi-cal", "medicare"), true, true);
        assertThat(PcpChangeRules.check("medi-cal", true, null, ok, LocalDate.of(2026, 12, 31)))
                .isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(PcpChangeRules.check("medi-cal", true, "9999999999", ok, LocalDate.of(2026, 1, 1)))
                .isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(PcpChangeRules.check("medicare", true, null, ok, LocalDate.of(2028, 2, 29)))
                .isEqualTo(LocalDate.of(2028, 3, 1));
    }

    @Test
    void refusesEachBrokenRuleWithItsOwnReason() {
        LocalDate today = LocalDate.of(2026, 12, 5);
        assertThatThrownBy(() ->
                        PcpChangeRules.check("medi-cal", false, null, choice(List.of("medi-cal"), true, true), today))
                .isInstanceOfSatisfying(
                        PcpChangeRefused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("coverage.pcp.refused.notcovered"));
        assertThatThrownBy(() ->
                        PcpChangeRules.check("medi-cal", true, null, choice(List.of("medi-cal"), false, true), today))
                .isInstanceOfSatisfying(
                        PcpChangeRefused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("coverage.pcp.refused.notprimarycare"));
        assertThatThrownBy(() ->
                        PcpChangeRules.check("medi-cal", true, null, choice(List.of("covered-ca"), true, true), today))
                .isInstanceOfSatisfying(
                        PcpChangeRefused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("coverage.pcp.refused.notinnetwork"));
        assertThatThrownBy(() ->
                        PcpChangeRules.check("medi-cal", true, null, choice(List.of("medi-cal"), true, false), today))
                .isInstanceOfSatisfying(
                        PcpChangeRefused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("coverage.pcp.refused.notaccepting"));
        assertThatThrownBy(() -> PcpChangeRules.check(
                        "medi-cal", true, "1234567893", choice(List.of("medi-cal"), true, true), today))
                .isInstanceOfSatisfying(
                        PcpChangeRefused.class,
                        e -> assertThat(e.messageKey()).isEqualTo("coverage.pcp.refused.already"));
        // a product line with no directory counterpart cannot be checked: refused, not let through
        assertThatThrownBy(() -> PcpChangeRules.check(null, true, null, choice(List.of("medi-cal"), true, true), today))
                .isInstanceOf(PcpChangeRefused.class);
    }
}
