package org.commonweal.grants.lifecycle;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * When a report reminder is due: at each configured number of days before the due date (e.g. 30, 7 and 0) and once
 * overdue. For a given day only the most pressing threshold applies, so a requirement first seen five days before
 * its due date gets the 7-day reminder, not a 30-day one as well.
 */
public record ReminderSchedule(List<Integer> daysBefore) {

    public static final String OVERDUE = "OVERDUE";

    public ReminderSchedule {
        if (daysBefore.isEmpty() || daysBefore.stream().anyMatch(d -> d == null || d < 0)) {
            throw new IllegalArgumentException("reminder days must be zero or more, e.g. 30,7,0");
        }
        daysBefore = daysBefore.stream().distinct().sorted().toList();
    }

    /** Parses {@code "30,7,0"}. */
    public static ReminderSchedule parse(String days) {
        try {
            return new ReminderSchedule(Arrays.stream(days.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(Integer::valueOf)
                    .toList());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reminder days must be whole numbers, e.g. 30,7,0: " + days);
        }
    }

    /** The threshold that applies on {@code today} for a report due on {@code due}: {@code D7}, {@code OVERDUE}, or none. */
    public Optional<String> threshold(LocalDate due, LocalDate today) {
        long left = ChronoUnit.DAYS.between(today, due);
        if (left < 0) {
            return Optional.of(OVERDUE);
        }
        return daysBefore.stream().filter(d -> left <= d).findFirst().map(d -> "D" + d);
    }

    /** How far ahead the job needs to look. */
    public int horizon() {
        return daysBefore.getLast();
    }
}
