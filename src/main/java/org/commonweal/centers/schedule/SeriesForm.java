package org.commonweal.centers.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A class series as staff type it (every field as text, so a wrong entry becomes a message on its field, not a
 * failed request). {@link #check} names each problem by field; {@link #toSeries} is only called on a clean form.
 */
public record SeriesForm(
        String center,
        String program,
        String titleEn,
        String titleEs,
        String language,
        String instructor,
        String room,
        String capacity,
        String eligibility,
        String start,
        String duration,
        String rrule,
        String until) {

    public static final List<String> ELIGIBILITY = List.of("everyone", "members", "adults", "seniors", "youth");

    /** What the form is checked against: the center's rooms, the known programs and languages. */
    public record Choices(
            Collection<String> centers,
            Collection<String> rooms,
            Collection<String> programs,
            Collection<String> languages) {}

    public static SeriesForm empty(String center) {
        return new SeriesForm(
                center, null, null, null, "en", null, null, "20", "everyone", null, "60", "FREQ=WEEKLY;BYDAY=MO", null);
    }

    /** Field → reason, in form order; empty when the form can be saved. */
    public Map<String, String> check(Choices choices) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (blank(center) || !choices.centers().contains(center)) {
            problems.put("center", "choose a center");
        }
        if (blank(program) || !choices.programs().contains(program)) {
            problems.put("program", "choose a program");
        }
        text("titleEn", titleEn, problems);
        text("titleEs", titleEs, problems);
        if (blank(language) || !choices.languages().contains(language)) {
            problems.put("language", "choose a language");
        }
        text("instructor", instructor, problems);
        if (blank(room)) {
            problems.put("room", "is required");
        } else if (!problems.containsKey("center") && !choices.rooms().contains(room.strip())) {
            problems.put("room", "'" + room.strip() + "' is not a room of this center " + choices.rooms());
        }
        number("capacity", capacity, 1, 1000, problems);
        if (!ELIGIBILITY.contains(eligibility)) {
            problems.put("eligibility", "must be one of " + ELIGIBILITY);
        }
        LocalDateTime first = dateTime(problems);
        number("duration", duration, 5, 720, problems);
        if (blank(rrule)) {
            problems.put("rrule", "is required (RFC 5545, for example FREQ=WEEKLY;BYDAY=TU,TH)");
        } else {
            try {
                RecurrenceRule.parse(rrule.strip().replaceFirst("^(?i)RRULE:", ""));
            } catch (IllegalArgumentException e) {
                problems.put("rrule", e.getMessage());
            }
        }
        LocalDate last = null;
        try {
            last = blank(until) ? null : LocalDate.parse(until.strip());
        } catch (DateTimeParseException e) {
            problems.put("until", "'" + until + "' is not a date (yyyy-mm-dd)");
        }
        if (last == null && !problems.containsKey("until")) {
            problems.put("until", "is required: sessions are generated up to this day");
        } else if (last != null && first != null) {
            if (last.isBefore(first.toLocalDate())) {
                problems.put("until", "is before the first session");
            } else if (last.isAfter(first.toLocalDate().plusYears(2))) {
                problems.put("until", "is more than two years after the first session");
            }
        }
        return problems;
    }

    /** The checked form as the scheduler's record. */
    public SeriesScheduler.NewSeries toSeries(int centerId, int programId) {
        return new SeriesScheduler.NewSeries(
                centerId,
                programId,
                titleEn.strip(),
                titleEs.strip(),
                language,
                instructor.strip(),
                room.strip(),
                Integer.parseInt(capacity.strip()),
                eligibility,
                LocalDateTime.parse(start.strip()),
                Integer.parseInt(duration.strip()),
                rrule.strip().replaceFirst("^(?i)RRULE:", ""));
    }

    public LocalDate lastDay() {
        return LocalDate.parse(until.strip());
    }

    private LocalDateTime dateTime(Map<String, String> problems) {
        if (blank(start)) {
            problems.put("start", "is required (date and time of the first session)");
            return null;
        }
        try {
            return LocalDateTime.parse(start.strip());
        } catch (DateTimeParseException e) {
            problems.put("start", "'" + start + "' is not a date and time");
            return null;
        }
    }

    private static void text(String field, String value, Map<String, String> problems) {
        if (blank(value)) {
            problems.put(field, "is required");
        } else if (value.strip().length() > 120) {
            problems.put(field, "is longer than 120 characters");
        }
    }

    private static void number(String field, String value, int min, int max, Map<String, String> problems) {
        try {
            int n = Integer.parseInt(value == null ? "" : value.strip());
            if (n < min || n > max) {
                problems.put(field, "must be between " + min + " and " + max);
            }
        } catch (NumberFormatException e) {
            problems.put(field, "'" + (value == null ? "" : value) + "' is not a whole number");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
