package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class SubmissionWindowTests {

    private final Instant deadline = LocalDateTime.of(2027, 3, 1, 17, 0)
            .atZone(java.time.ZoneId.of("America/Los_Angeles"))
            .toInstant();
    private final SubmissionWindow window =
            new SubmissionWindow(LocalDate.of(2027, 1, 15), deadline, java.time.ZoneId.of("America/Los_Angeles"));

    @Test
    void acceptsASubmissionOneSecondBeforeTheDeadline() {
        window.requireOpen(deadline.minusSeconds(1));
        assertThat(window.isOpen(deadline.minusSeconds(1))).isTrue();
    }

    @Test
    void rejectsApplicationAtAndAfterDeadlineNamingIt() {
        assertThatThrownBy(() -> window.requireOpen(deadline))
                .isInstanceOf(GrantRuleViolation.class)
                .hasMessageContaining("deadline was March 1, 2027 at 5:00 PM PST")
                .hasMessageContaining("late");
        assertThatThrownBy(() -> window.requireOpen(deadline.plusSeconds(3600))).isInstanceOf(GrantRuleViolation.class);
        assertThat(window.isOpen(deadline)).isFalse();
    }

    @Test
    void rejectsApplicationBeforeTheCycleOpens() {
        Instant before = LocalDateTime.of(2027, 1, 14, 23, 59)
                .atZone(java.time.ZoneId.of("America/Los_Angeles"))
                .toInstant();
        assertThatThrownBy(() -> window.requireOpen(before)).hasMessageContaining("opens on 2027-01-15");
        window.requireOpen(LocalDateTime.of(2027, 1, 15, 0, 0)
                .atZone(java.time.ZoneId.of("America/Los_Angeles"))
                .toInstant());
    }

    @Test
    void refusesACycleThatClosesBeforeItOpens() {
        assertThatThrownBy(() -> new SubmissionWindow(
                        LocalDate.of(2027, 4, 1), deadline, java.time.ZoneId.of("America/Los_Angeles")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void applicationStatusOnlyMovesForward() {
        assertThat(ApplicationStatus.DRAFT.moveTo(ApplicationStatus.SUBMITTED)).isEqualTo(ApplicationStatus.SUBMITTED);
        assertThatThrownBy(() -> ApplicationStatus.DRAFT.moveTo(ApplicationStatus.APPROVED))
                .hasMessageContaining("draft cannot become approved");
        assertThat(ApplicationStatus.SUBMITTED.editableByApplicant()).isFalse();
    }

    @Test
    void theOpeningDayStartsAtMidnightOnThePlansOwnClock() {
        var denver = new SubmissionWindow(LocalDate.of(2027, 1, 15), deadline, java.time.ZoneId.of("America/Denver"));
        Instant denverMidnight = LocalDateTime.of(2027, 1, 15, 0, 0)
                .atZone(java.time.ZoneId.of("America/Denver"))
                .toInstant();
        assertThat(denver.opensAt()).isEqualTo(denverMidnight);
        assertThat(denver.isOpen(denverMidnight.minusSeconds(1))).isFalse();
        assertThat(window.isOpen(denverMidnight))
                .as("still Jan 14 in Los Angeles")
                .isFalse();
        assertThatThrownBy(() -> denver.requireOpen(deadline)).hasMessageContaining("MST");
    }
}
