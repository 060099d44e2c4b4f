package org.commonweal.shell;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening hours as the modules keep them, in words: "Mon–Fri 9 am–5 pm; Sat 9 am–1 pm" / "lun–vie 9:00–17:00;
 * sáb 9:00–13:00". Reads both spellings in use: the directory's {@code mon-fri 08:00-17:00} and the centers' OSM-style
 * {@code Mo-Fr 09:00-17:00}, blocks separated by semicolons, day lists with commas ({@code Mo,We 10:00-12:00}).
 */
public final class OpeningHours {

    private static final List<String> TWO = List.of("mo", "tu", "we", "th", "fr", "sa", "su");
    private static final String DAY = "(?:mon|tue|wed|thu|fri|sat|sun|mo|tu|we|th|fr|sa|su)";
    private static final Pattern BLOCK = Pattern.compile("(?i)\\s*(" + DAY + "(?:\\s*-\\s*" + DAY + ")?(?:\\s*,\\s*"
            + DAY + "(?:\\s*-\\s*" + DAY + ")?)*)\\s+(\\d{1,2}:\\d\\d)\\s*-\\s*(\\d{1,2}:\\d\\d)\\s*");

    private OpeningHours() {}

    /** The hours in words in {@code locale}; hours kept in another form are returned empty. */
    public static Optional<String> words(String hours, Locale locale) {
        if (hours == null || hours.isBlank()) {
            return Optional.empty();
        }
        List<String> blocks = new ArrayList<>();
        for (String block : hours.split(";")) {
            if (block.isBlank()) {
                continue;
            }
            Matcher m = BLOCK.matcher(block);
            if (!m.matches()) {
                return Optional.empty();
            }
            List<String> days = new ArrayList<>();
            for (String range : m.group(1).split(",")) {
                String[] ends = range.split("-");
                String first = day(ends[0], locale);
                days.add(ends.length == 1 ? first : first + "–" + day(ends[1], locale));
            }
            String opens = m.group(2);
            String closes = m.group(3);
            String times = opens.equals("00:00") && closes.equals("24:00")
                    ? "0:00–24:00"
                    : time(opens, locale) + "–" + time(closes, locale);
            blocks.add(String.join(", ", days) + " " + times);
        }
        return blocks.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", blocks));
    }

    private static String day(String token, Locale locale) {
        String t = token.strip().toLowerCase(Locale.ROOT).substring(0, 2);
        String name = DayOfWeek.of(TWO.indexOf(t) + 1).getDisplayName(TextStyle.SHORT, locale);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** "9 am", "9:30 am" in English; "9:00" on the 24-hour clock elsewhere. */
    private static String time(String hhmm, Locale locale) {
        LocalTime t =
                hhmm.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        if (!locale.getLanguage().equals("en")) {
            return t.getHour() + ":" + String.format("%02d", t.getMinute());
        }
        int hour = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        String suffix = t.getHour() < 12 ? " am" : " pm";
        return hour + (t.getMinute() == 0 ? "" : ":" + String.format("%02d", t.getMinute())) + suffix;
    }
}
