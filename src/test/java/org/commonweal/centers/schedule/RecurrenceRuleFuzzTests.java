package org.commonweal.centers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Fuzzing (Jazzer) of the RRULE of class series, which staff type and HSDS/iCalendar consumers read back: any text
 * gives a rule or an {@link IllegalArgumentException} naming the part ("RRULE ..."); a rule expands, within a
 * bounded time, to at most 5,000 increasing starts between DTSTART and the last day, and its RFC
 * 5545 text parses back to the same rule. Seeds: the rules of {@code RecurrenceRuleTests}.
 */
class RecurrenceRuleFuzzTests {

    static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 18, 0);
    /** RecurrenceRule's own cap on an expansion. */
    static final int MAX_OCCURRENCES = 5000;

    static final LocalDate LAST_DAY = START.toLocalDate().plusYears(2);

    @FuzzTest(maxDuration = "2m")
    void rrule(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        RecurrenceRule rule;
        try {
            rule = RecurrenceRule.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).startsWith("RRULE");
            return;
        }
        assertThat(RecurrenceRule.parse(rule.toString()))
                .as("round trip of " + rule)
                .isEqualTo(rule);
        List<LocalDateTime> starts = rule.occurrences(START, LAST_DAY);
        assertThat(starts).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_OCCURRENCES);
        assertThat(starts.getFirst()).isEqualTo(START);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i)).isAfter(starts.get(i - 1));
            assertThat(starts.get(i).toLocalDate()).isBeforeOrEqualTo(LAST_DAY);
        }
    }
}
