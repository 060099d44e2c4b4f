package org.commonweal.centers.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * An RFC 5545 recurrence rule, the subset class schedules use: {@code FREQ} DAILY, WEEKLY or MONTHLY;
 * {@code INTERVAL}; {@code COUNT} or {@code UNTIL}; {@code BYDAY} (with an ordinal such as {@code 1TU} or
 * {@code -1FR} when monthly); {@code BYMONTHDAY}. Expanded in local time from the series' first start
 * (DTSTART), which is always the first occurrence.
 */
public record RecurrenceRule(
        Frequency frequency,
        int interval,
        Integer count,
        LocalDateTime until,
        List<WeekdayNum> byDay,
        List<Integer> byMonthDay) {

    public enum Frequency {
        DAILY,
        WEEKLY,
        MONTHLY
    }

    /** A BYDAY entry: the weekday and, for monthly rules, which one in the month (0 = every). */
    public record WeekdayNum(int ordinal, DayOfWeek day) {}

    private static final int MAX_OCCURRENCES = 5000;

    public static RecurrenceRule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("RRULE is empty");
        }
        String rule = text.strip();
        if (rule.toUpperCase(Locale.ROOT).startsWith("RRULE:")) {
            rule = rule.substring(6);
        }
        Frequency frequency = null;
        int interval = 1;
        Integer count = null;
        LocalDateTime until = null;
        List<WeekdayNum> byDay = new ArrayList<>();
        List<Integer> byMonthDay = new ArrayList<>();
        for (String part : rule.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException("RRULE part '" + part + "' is not NAME=value");
            }
            String name = kv[0].trim().toUpperCase(Locale.ROOT);
            String value = kv[1].trim().toUpperCase(Locale.ROOT);
            switch (name) {
                case "FREQ" -> {
                    try {
                        frequency = Frequency.valueOf(value);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "RRULE FREQ '" + value + "' is not DAILY, WEEKLY or MONTHLY");
                    }
                }
                case "INTERVAL" -> interval = positive(name, value);
                case "COUNT" -> count = positive(name, value);
                case "UNTIL" -> until = parseUntil(value);
                case "BYDAY" -> {
                    for (String d : value.split(",")) {
                        byDay.add(weekdayNum(d.trim()));
                    }
                }
                case "BYMONTHDAY" -> {
                    for (String d : value.split(",")) {
                        int n = integer(name, d.trim());
                        if (n == 0 || n < -31 || n > 31) {
                            throw new IllegalArgumentException("RRULE BYMONTHDAY " + n + " is out of range");
                        }
                        byMonthDay.add(n);
                    }
                }
                case "WKST" -> {} // weeks start Monday here; a different WKST changes nothing for the rules we accept
                default -> throw new IllegalArgumentException("RRULE part " + name + " is not supported");
            }
        }
        if (frequency == null) {
            throw new IllegalArgumentException("RRULE needs FREQ");
        }
        if (count != null && until != null) {
            throw new IllegalArgumentException("RRULE may have COUNT or UNTIL, not both");
        }
        if (frequency != Frequency.MONTHLY) {
            for (WeekdayNum w : byDay) {
                if (w.ordinal() != 0) {
                    throw new IllegalArgumentException("RRULE BYDAY ordinal needs FREQ=MONTHLY");
                }
            }
            if (!byMonthDay.isEmpty()) {
                throw new IllegalArgumentException("RRULE BYMONTHDAY needs FREQ=MONTHLY");
            }
        }
        return new RecurrenceRule(frequency, interval, count, until, List.copyOf(byDay), List.copyOf(byMonthDay));
    }

    /** Occurrence starts from {@code start} (DTSTART, counted as the first), those on or before {@code lastDay}. */
    public List<LocalDateTime> occurrences(LocalDateTime start, LocalDate lastDay) {
        LocalTime time = start.toLocalTime();
        List<LocalDateTime> result = new ArrayList<>();
        result.add(start);
        LocalDate periodStart = start.toLocalDate();
        for (int period = 0; result.size() < MAX_OCCURRENCES; period++) {
            LocalDate anchor = switch (frequency) {
                case DAILY -> periodStart.plusDays((long) period * interval);
                case WEEKLY -> periodStart.with(DayOfWeek.MONDAY).plusWeeks((long) period * interval);
                case MONTHLY -> periodStart.withDayOfMonth(1).plusMonths((long) period * interval);
            };
            if (anchor.isAfter(lastDay) || (until != null && anchor.isAfter(until.toLocalDate()))) {
                break;
            }
            for (LocalDate day : daysIn(anchor, start.toLocalDate())) {
                LocalDateTime occurrence = day.atTime(time);
                if (!occurrence.isAfter(start)) {
                    continue;
                }
                if (until != null && occurrence.isAfter(until) || day.isAfter(lastDay)) {
                    return result;
                }
                if (count != null && result.size() >= count) {
                    return result;
                }
                result.add(occurrence);
            }
            if (count != null && result.size() >= count) {
                break;
            }
        }
        return result;
    }

    private TreeSet<LocalDate> daysIn(LocalDate anchor, LocalDate first) {
        TreeSet<LocalDate> days = new TreeSet<>();
        switch (frequency) {
            case DAILY -> {
                if (byDay.isEmpty() || byDay.stream().anyMatch(w -> w.day() == anchor.getDayOfWeek())) {
                    days.add(anchor);
                }
            }
            case WEEKLY -> {
                if (byDay.isEmpty()) {
                    days.add(anchor.with(first.getDayOfWeek()));
                } else {
                    byDay.forEach(w -> days.add(anchor.with(w.day())));
                }
            }
            case MONTHLY -> {
                YearMonth month = YearMonth.from(anchor);
                if (!byMonthDay.isEmpty()) {
                    for (int d : byMonthDay) {
                        int dom = d > 0 ? d : month.lengthOfMonth() + d + 1;
                        if (dom >= 1 && dom <= month.lengthOfMonth()) {
                            days.add(month.atDay(dom));
                        }
                    }
                } else if (!byDay.isEmpty()) {
                    for (WeekdayNum w : byDay) {
                        if (w.ordinal() == 0) {
                            for (LocalDate d = anchor.with(TemporalAdjusters.firstInMonth(w.day()));
                                    d.getMonth() == anchor.getMonth();
                                    d = d.plusWeeks(1)) {
                                days.add(d);
                            }
                        } else {
                            LocalDate d = w.ordinal() > 0
                                    ? anchor.with(TemporalAdjusters.dayOfWeekInMonth(w.ordinal(), w.day()))
                                    : anchor.with(TemporalAdjusters.lastInMonth(w.day()))
                                            .plusWeeks(w.ordinal() + 1);
                            if (d.getMonth() == anchor.getMonth()) {
                                days.add(d);
                            }
                        }
                    }
                } else if (first.getDayOfMonth() <= month.lengthOfMonth()) {
                    days.add(month.atDay(first.getDayOfMonth()));
                }
            }
        }
        return days;
    }

    /** The rule in RFC 5545 text, as it goes into an iCalendar feed and HSDS {@code schedule}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("FREQ=").append(frequency);
        if (interval != 1) {
            s.append(";INTERVAL=").append(interval);
        }
        if (!byDay.isEmpty()) {
            s.append(";BYDAY=")
                    .append(String.join(
                            ",",
                            byDay.stream()
                                    .map(w -> (w.ordinal() == 0 ? "" : String.valueOf(w.ordinal()))
                                            + w.day().name().substring(0, 2))
                                    .toList()));
        }
        if (!byMonthDay.isEmpty()) {
            s.append(";BYMONTHDAY=")
                    .append(String.join(
                            ",", byMonthDay.stream().map(String::valueOf).toList()));
        }
        if (count != null) {
            s.append(";COUNT=").append(count);
        }
        if (until != null) {
            s.append(";UNTIL=").append(until.format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")));
        }
        return s.toString();
    }

    /** Occurrences within [from, to], both local dates. */
    public List<LocalDateTime> occurrencesBetween(LocalDateTime start, LocalDate from, LocalDate to) {
        return occurrences(start, to).stream()
                .filter(o -> !o.toLocalDate().isBefore(from))
                .toList();
    }

    private static WeekdayNum weekdayNum(String text) {
        if (text.length() < 2) {
            throw new IllegalArgumentException("RRULE BYDAY '" + text + "' is not a weekday");
        }
        String code = text.substring(text.length() - 2);
        String ordinal = text.substring(0, text.length() - 2);
        DayOfWeek day = switch (code) {
            case "MO" -> DayOfWeek.MONDAY;
            case "TU" -> DayOfWeek.TUESDAY;
            case "WE" -> DayOfWeek.WEDNESDAY;
            case "TH" -> DayOfWeek.THURSDAY;
            case "FR" -> DayOfWeek.FRIDAY;
            case "SA" -> DayOfWeek.SATURDAY;
            case "SU" -> DayOfWeek.SUNDAY;
            default -> throw new IllegalArgumentException("RRULE BYDAY '" + text + "' is not a weekday");
        };
        int n = ordinal.isEmpty() ? 0 : integer("BYDAY", ordinal.replace("+", ""));
        if (n < -5 || n > 5) {
            throw new IllegalArgumentException("RRULE BYDAY ordinal " + n + " is out of range");
        }
        return new WeekdayNum(n, day);
    }

    private static LocalDateTime parseUntil(String value) {
        try {
            if (value.length() == 8) {
                return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).atTime(23, 59, 59);
            }
            String v = value.endsWith("Z") ? value.substring(0, value.length() - 1) : value;
            return LocalDateTime.parse(v, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("RRULE UNTIL '" + value + "' is not a date or date-time");
        }
    }

    private static int positive(String name, String value) {
        int n = integer(name, value);
        if (n < 1) {
            throw new IllegalArgumentException("RRULE " + name + " must be positive, not " + n);
        }
        return n;
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RRULE " + name + " '" + value + "' is not a number");
        }
    }
}
