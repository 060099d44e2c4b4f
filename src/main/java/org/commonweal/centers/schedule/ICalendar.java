package org.commonweal.centers.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.commonweal.centers.Center;
import org.commonweal.centers.ClassSession;

/**
 * Writes an RFC 5545 iCalendar feed: one VEVENT per dated session (so a session moved or cancelled one by one shows
 * as it is), times in UTC, text escaped and lines folded at 75 octets, CRLF line ends.
 */
public final class ICalendar {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private ICalendar() {}

    public static String feed(
            String name,
            List<ClassSession> sessions,
            java.util.function.IntFunction<Center> centers,
            String language,
            String host) {
        StringBuilder out = begin();
        line(out, "X-WR-CALNAME:" + text(name));
        String stamp = UTC.format(Instant.now());
        for (ClassSession s : sessions) {
            event(out, s, centers.apply(s.centerId()), language, host, stamp);
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    /**
     * One session as a calendar file of its own (what a confirmation links to and a confirmation e-mail attaches),
     * with the center's address and a link back to the registration. Its UID is the session's, as in the feeds, so
     * a calendar that has both keeps one entry.
     */
    public static String session(ClassSession s, Center c, String language, String host, String url) {
        StringBuilder out = begin();
        event(out, s, c, language, host, UTC.format(Instant.now()), url);
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    private static StringBuilder begin() {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//Commonweal//Community Resource Centers//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "METHOD:PUBLISH");
        return out;
    }

    private static void event(StringBuilder out, ClassSession s, Center c, String language, String host, String stamp) {
        event(out, s, c, language, host, stamp, null);
    }

    private static void event(
            StringBuilder out, ClassSession s, Center c, String language, String host, String stamp, String url) {
        line(out, "BEGIN:VEVENT");
        line(out, "UID:session-" + s.id() + "@" + host);
        line(out, "DTSTAMP:" + stamp);
        line(out, "DTSTART:" + UTC.format(s.startsAt()));
        line(out, "DTEND:" + UTC.format(s.endsAt()));
        line(out, "SUMMARY:" + text(s.title(language)));
        line(out, "LOCATION:" + text(c.name() + ", " + c.displayAddress() + " (" + s.room() + ")"));
        line(out, "GEO:" + c.latitude() + ";" + c.longitude());
        line(out, "DESCRIPTION:" + text(s.instructor() + " · " + s.language()));
        if (url != null) {
            line(out, "URL:" + url);
        }
        line(out, "STATUS:" + (s.cancelled() ? "CANCELLED" : "CONFIRMED"));
        line(out, "END:VEVENT");
    }

    static String text(String s) {
        return s.replace("\\", "\\\\")
                .replace(";", "\\;")
                .replace(",", "\\,")
                .replace("\r", "")
                .replace("\n", "\\n");
    }

    /** Folds a content line at 75 octets without splitting a UTF-8 character. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += size;
            i += Character.charCount(cp);
        }
        out.append("\r\n");
    }
}
