package org.commonweal.centers.registration;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registration messages: written in the person's language and queued on platform's {@link Outbox} in the same
 * transaction as the change they report. Email when there is an address, else SMS.
 */
@Component
public class Notifications {

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Outbox outbox;

    private final ZoneId zone;

    Notifications(JdbcClient jdbc, MessageSource messages, Outbox outbox, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
        this.messages = messages;
        this.outbox = outbox;
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
        Outbox.Channel channel = c.email() != null ? Outbox.Channel.EMAIL : c.phone() != null ? Outbox.Channel.SMS : null;
        if (channel == null) {
            return; // nobody to tell: registered in person without contact details
        }
        Locale locale = "es".equals(c.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone);
        Object[] args = {c.firstName(), c.title(), when.format(c.startsAt()), c.center(), c.code(),
                c.offeredUntil() == null ? "" : when.format(c.offeredUntil())};
        String subject = messages.getMessage("centers.notify." + template + ".subject", args, locale);
        String body = messages.getMessage("centers.notify." + template + ".body", args, locale);
        outbox.queue(new Outbox.Message("centers", channel, channel == Outbox.Channel.EMAIL ? c.email() : c.phone(),
                template, locale, subject, body));
    }
}
