package org.commonweal.grants.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReminderScheduleTests {

    private final ReminderSchedule schedule = ReminderSchedule.parse("30, 7,0");
    private final LocalDate due = LocalDate.of(2027, 6, 30);

    @Test
    void theMostPressingThresholdAppliesOnEachDay() {
        assertThat(schedule.threshold(due, due.minusDays(31))).isEmpty();
        assertThat(schedule.threshold(due, due.minusDays(30))).contains("D30");
        assertThat(schedule.threshold(due, due.minusDays(8))).contains("D30");
        assertThat(schedule.threshold(due, due.minusDays(7))).contains("D7");
        assertThat(schedule.threshold(due, due.minusDays(1))).contains("D7");
        assertThat(schedule.threshold(due, due)).contains("D0");
        assertThat(schedule.threshold(due, due.plusDays(1))).contains(ReminderSchedule.OVERDUE);
        assertThat(schedule.horizon()).isEqualTo(30);
    }

    @Test
    void aConfiguredScheduleIsHonouredAndNonsenseRefused() {
        var weekly = ReminderSchedule.parse("14");
        assertThat(weekly.threshold(due, due.minusDays(20))).isEqualTo(Optional.empty());
        assertThat(weekly.threshold(due, due.minusDays(3))).contains("D14");
        assertThat(weekly.threshold(due, due)).contains("D14");
        assertThatThrownBy(() -> ReminderSchedule.parse("30,a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReminderSchedule.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    }
}
