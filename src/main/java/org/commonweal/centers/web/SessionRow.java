package org.commonweal.centers.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.commonweal.centers.ClassSession;

/** A session as a page shows it: dates and times in the plan's time zone and the visitor's language. */
record SessionRow(ClassSession session, String day, String time, String title) {

    static SessionRow of(ClassSession s, Locale locale, java.time.ZoneId zone) {
        var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                .withLocale(locale)
                .withZone(zone);
        var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
        return new SessionRow(
                s,
                day.format(s.startsAt()),
                time.format(s.startsAt()) + " – " + time.format(s.endsAt()),
                s.title(locale.getLanguage()));
    }
}
