package org.commonweal.centers.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class RecurrenceRuleTests {

    private static final LocalDateTime MONDAY_10 = LocalDateTime.of(2026, 1, 5, 10, 0);

    @Test
    void weeklyOnTuesdayAndThursdayStartsWithDtstartAndKeepsTheTime() {
        var rule = RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=5");
        var tuesday = LocalDateTime.of(2026, 1, 6, 18, 30);
        assertThat(rule.occurrences(tuesday, LocalDate.of(2027, 1, 1)))
                .containsExactly(
                        tuesday,
                        LocalDateTime.of(2026, 1, 8, 18, 30),
                        LocalDateTime.of(2026, 1, 13, 18, 30),
                        LocalDateTime.of(2026, 1, 15, 18, 30),
                        LocalDateTime.of(2026, 1, 20, 18, 30));
    }

    @Test
    void everyOtherWeekUntilADateIncludesThatDate() {
        var rule = RecurrenceRule.parse("RRULE:FREQ=WEEKLY;INTERVAL=2;UNTIL=20260202");
        assertThat(rule.occurrences(MONDAY_10, LocalDate.of(2027, 1, 1)))
                .containsExactly(MONDAY_10, LocalDateTime.of(2026, 1, 19, 10, 0), LocalDateTime.of(2026, 2, 2, 10, 0));
    }

    @Test
    void monthlyOnTheFirstTuesdayAndTheLastFriday() {
        var first = RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=1TU;COUNT=3");
        var start = LocalDateTime.of(2026, 1, 6, 9, 0);
        assertThat(first.occurrences(start, LocalDate.of(2027, 1, 1)))
                .containsExactly(start, LocalDateTime.of(2026, 2, 3, 9, 0), LocalDateTime.of(2026, 3, 3, 9, 0));
        var last = RecurrenceRule.parse("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2");
        var jan30 = LocalDateTime.of(2026, 1, 30, 9, 0);
        assertThat(last.occurrences(jan30, LocalDate.of(2027, 1, 1)))
                .containsExactly(jan30, LocalDateTime.of(2026, 2, 27, 9, 0));
    }

    @Test
    void monthlyOnTheThirtyFirstSkipsShortMonths() {
        var rule = RecurrenceRule.parse("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=3");
        var jan31 = LocalDateTime.of(2026, 1, 31, 9, 0);
        assertThat(rule.occurrences(jan31, LocalDate.of(2027, 1, 1)))
                .containsExactly(jan31, LocalDateTime.of(2026, 3, 31, 9, 0), LocalDateTime.of(2026, 5, 31, 9, 0));
    }

    @Test
    void dailyStopsAtTheLastDayAsked() {
        var rule = RecurrenceRule.parse("FREQ=DAILY");
        assertThat(rule.occurrences(MONDAY_10, LocalDate.of(2026, 1, 9))).hasSize(5);
        assertThat(rule.occurrencesBetween(MONDAY_10, LocalDate.of(2026, 1, 8), LocalDate.of(2026, 1, 9)))
                .hasSize(2);
    }

    @Test
    void writesItselfBackInRfc5545Text() {
        assertThat(RecurrenceRule.parse("freq=weekly;byday=mo,we;interval=2;until=20261231")
                        .toString())
                .isEqualTo("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20261231T235959");
    }

    @Test
    void rejectsRulesItCannotHonourNamingThePart() {
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=YEARLY")).hasMessageContaining("FREQ 'YEARLY'");
        assertThatThrownBy(() -> RecurrenceRule.parse("BYDAY=MO")).hasMessageContaining("needs FREQ");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=1MO")).hasMessageContaining("ordinal");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;COUNT=3;UNTIL=20260101"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYHOUR=9")).hasMessageContaining("BYHOUR");
        assertThatThrownBy(() -> RecurrenceRule.parse("FREQ=WEEKLY;BYDAY=XX")).hasMessageContaining("'XX'");
    }
}
