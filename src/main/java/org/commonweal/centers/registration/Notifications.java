package org.commonweal.centers.registration;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.commonweal.centers.schedule.SessionQueries;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notification outbox: a message is written in the same transaction as the change it reports, in the person's
 * language, and {@link NotificationDispatcher} hands it to an adapter later. Email when there is an address, else SMS.
 */
@Component
public class Notifications {

    private final JdbcClient jdbc;
    private final MessageSource messages;

    Notifications(JdbcClient jdbc, MessageSource messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    private record Context(String email, String phone, String language, String firstName, String title,
            java.time.Instant startsAt, String center, String code, java.time.Instant offeredUntil) {
    }

    /** Queues {@code template} (confirmed, waitlisted, offered, reminder, session-cancelled, session-moved). */
    public void registration(long registrationId, String template) {
        Context c = jdbc.sql("""
                select p.email, p.phone, p.language, p.first_name, r.title_en, r.title_es, s.starts_at, ce.name,
                       g.confirmation_code, g.offered_until
                from centers.registration g join centers.participant p on p.id = g.participant_id
                join centers.class_session s on s.id = g.session_id join centers.class_series r on r.id = s.series_id
                join centers.center ce on ce.id = s.center_id where g.id = ?""").param(registrationId)
                .query((rs, n) -> new Context(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        "es".equals(rs.getString(3)) ? rs.getString(6) : rs.getString(5), SessionQueries.instant(rs, 7),
                        rs.getString(8), rs.getString(9), SessionQueries.instant(rs, 10)))
                .single();
        String channel = c.email() != null ? "email" : c.phone() != null ? "sms" : null;
        if (channel == null) {
            return; // nobody to tell: registered in person without contact details
        }
        Locale locale = "es".equals(c.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(SessionQueries.ZONE);
        Object[] args = {c.firstName(), c.title(), when.format(c.startsAt()), c.center(), c.code(),
                c.offeredUntil() == null ? "" : when.format(c.offeredUntil())};
        String subject = messages.getMessage("centers.notify." + template + ".subject", args, locale);
        String body = messages.getMessage("centers.notify." + template + ".body", args, locale);
        jdbc.sql("""
                insert into centers.notification (channel, recipient, template, locale, subject, body)
                values (?, ?, ?, ?, ?, ?)""")
                .params(channel, channel.equals("email") ? c.email() : c.phone(), template, locale.getLanguage(),
                        subject, body).update();
    }
}
