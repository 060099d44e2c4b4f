package org.commonweal.housing.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.commonweal.coverage.EnrollmentSpan;
import org.junit.jupiter.api.Test;

class HealthUseTests {

    static final Set<String> MEDI_CAL = Set.of("MCLA", "MCP");
    static final LocalDate MOVE_IN = LocalDate.of(2024, 6, 15);

    static EnrollmentSpan span(String line, LocalDate begin, LocalDate end, String pcp) {
        return new EnrollmentSpan(
                1,
                "LA1",
                line,
                "LA1",
                List.of("1H"),
                begin,
                end,
                end == null ? "active" : "terminated",
                pcp,
                pcp == null ? null : "Dr X",
                null);
    }

    @Test
    void countsMonthsCoveredInTheTwelveBeforeAndAfterTheMoveInMonth() {
        // covered Sep 2023 – Jan 2024 (5 of the 12 months Jun 2023 – May 2024), then again from Jul 2024 on
        var spans = List.of(
                span("MCLA", LocalDate.of(2023, 9, 1), LocalDate.of(2024, 1, 31), null),
                span("MCLA", LocalDate.of(2024, 7, 1), null, "1234567890"));
        var w = HealthUse.of(MOVE_IN, spans, MEDI_CAL).orElseThrow();
        assertThat(w.monthsBefore()).isEqualTo(5);
        assertThat(w.monthsAfter()).isEqualTo(12);
        assertThat(w.gapBefore()).isTrue();
        assertThat(w.gapAfter()).isFalse();
        assertThat(w.pcpMonthsBefore()).isZero();
        assertThat(w.pcpMonthsAfter()).isEqualTo(12);
        assertThat(w.pcpAtMoveIn()).isFalse();
        assertThat(w.pcpAfterYear()).isTrue();
    }

    @Test
    void otherProductLinesAndSuspendedSpansDoNotCount() {
        var suspended = new EnrollmentSpan(
                2,
                "LA1",
                "MCLA",
                "LA1",
                List.of(),
                LocalDate.of(2023, 1, 1),
                null,
                "suspended",
                "1234567890",
                "Dr X",
                null);
        var w = HealthUse.of(MOVE_IN, List.of(span("LACC", LocalDate.of(2020, 1, 1), null, "1"), suspended), MEDI_CAL)
                .orElseThrow();
        assertThat(w.monthsBefore()).isZero();
        assertThat(w.monthsAfter()).isZero();
        assertThat(w.gapBefore()).isTrue();
    }

    @Test
    void aSpanCoveringAnyDayOfAMonthCoversTheMonth() {
        var w = HealthUse.of(
                        MOVE_IN,
                        List.of(span("MCLA", LocalDate.of(2024, 5, 31), LocalDate.of(2024, 7, 1), null)),
                        MEDI_CAL)
                .orElseThrow();
        assertThat(w.monthsBefore()).isEqualTo(1);
        assertThat(w.monthsAfter()).isEqualTo(1);
    }

    @Test
    void noSpansIsNoCoverageDataNotTwelveUncoveredMonths() {
        assertThat(HealthUse.of(MOVE_IN, List.of(), MEDI_CAL)).isEmpty();
    }

    @Test
    void theAfterWindowIsCompleteOnceItsTwelfthMonthHasEnded() {
        assertThat(HealthUse.afterWindowComplete(MOVE_IN, LocalDate.of(2025, 6, 30)))
                .isFalse();
        assertThat(HealthUse.afterWindowComplete(MOVE_IN, LocalDate.of(2025, 7, 1)))
                .isTrue();
    }
}
