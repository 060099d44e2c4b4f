package org.commonweal.centers.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.commonweal.centers.ClassSession;
import org.commonweal.centers.schedule.SessionQueries;

/** A session as a page shows it: dates and times in the centers' time zone and the visitor's language. */
record SessionRow(ClassSession session, String day, String time, String title) {

    static SessionRow of(ClassSession s, Locale locale) {
        var day = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).withZone(SessionQueries.ZONE);
        var time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).withZone(SessionQueries.ZONE);
        return new SessionRow(s, day.format(s.startsAt()), time.format(s.startsAt()) + " – " + time.format(s.endsAt()),
                s.title(locale.getLanguage()));
    }
}
