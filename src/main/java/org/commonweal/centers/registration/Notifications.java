package org.commonweal.centers.registration;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.platform.SmsConsent;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Registration messages: written in the person's language and queued on platform's {@link Outbox} in the same
 * transaction as the change they report. Email when there is an address, else SMS.
 */
@Component
public class Notifications {

    /** Templates of a person who has a seat: their message carries the session's calendar entry. */
    private static final java.util.Set<String> WITH_CALENDAR =
            java.util.Set.of("confirmed", "reminder", "session-moved");

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Outbox outbox;
    private final ZoneId zone;
    private final SessionQueries sessions;
    private final String publicUrl;
    private final SmsConsent consent;

    Notifications(
            JdbcClient jdbc,
            MessageSource messages,
            Outbox outbox,
            PlanIdentity plan,
            SessionQueries sessions,
            SmsConsent consent,
            @org.springframework.beans.factory.annotation.Value("${commonweal.public-url:http://localhost:8080}")
                    String publicUrl) {
        this.zone = plan.timeZone();
        this.consent = consent;
        this.jdbc = jdbc;
        this.messages = messages;
        this.outbox = outbox;
        this.sessions = sessions;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    private record Context(
            String email,
            String phone,
            String language,
            String firstName,
            String title,
            java.time.Instant startsAt,
            String center,
            String code,
            java.time.Instant offeredUntil,
            long sessionId,
            String centerCode) {}

    /** Queues {@code template} (confirmed, waitlisted, offered, reminder, session-cancelled, session-moved). */
    public void registration(long registrationId, String template) {
        Context c = jdbc.sql("""
                select p.email, p.phone, p.language, p.first_name, r.title_en, r.title_es, s.starts_at, ce.name,
                       g.confirmation_code, g.offered_until, s.id, ce.code
                from centers.registration g join centers.participant p on p.id = g.participant_id
                join centers.class_session s on s.id = g.session_id join centers.class_series r on r.id = s.series_id
                join centers.center ce on ce.id = s.center_id where g.id = ?""")
                .param(registrationId)
                .query((rs, n) -> new Context(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        "es".equals(rs.getString(3)) ? rs.getString(6) : rs.getString(5),
                        SessionQueries.instant(rs, 7),
                        rs.getString(8),
                        rs.getString(9),
                        SessionQueries.instant(rs, 10),
                        rs.getLong(11),
                        rs.getString(12)))
                .single();
        // e-mail when there is an address; a text too when the phone has agreed to texts (#22: never without)
        boolean text = c.phone() != null && consent.allows(c.phone());
        Outbox.Channel channel = c.email() != null ? Outbox.Channel.EMAIL : text ? Outbox.Channel.SMS : null;
        if (channel == null) {
            return; // nobody to tell: no address, and no phone that may be texted
        }
        Locale locale = "es".equals(c.language()) ? Locale.forLanguageTag("es") : Locale.ENGLISH;
        DateTimeFormatter when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(zone);
        var center = sessions.center(c.centerCode()).orElseThrow();
        String page = publicUrl + "/centers/registrations/" + c.code();
        Object[] args = {
            c.firstName(),
            c.title(),
            when.format(c.startsAt()),
            c.center(),
            c.code(),
            c.offeredUntil() == null ? "" : when.format(c.offeredUntil()),
            center.displayAddress(),
            center.mapLink(),
            page
        };
        String calendar = null;
        if (channel == Outbox.Channel.EMAIL && WITH_CALENDAR.contains(template)) {
            calendar = org.commonweal.centers.schedule.ICalendar.session(
                    sessions.session(c.sessionId()).orElseThrow(),
                    center,
                    locale.getLanguage(),
                    java.net.URI.create(publicUrl).getHost(),
                    page);
        }
        String subject = messages.getMessage("centers.notify." + template + ".subject", args, locale);
        String body = messages.getMessage("centers.notify." + template + ".body", args, locale);
        if (channel == Outbox.Channel.EMAIL) {
            outbox.queue(new Outbox.Message("centers", channel, c.email(), template, locale, subject, body, calendar));
        }
        if (text) {
            // a short text: what happened, the registration page, and how to stop texts
            String sms = messages.getMessage("centers.notify.sms", new Object[] {subject, page}, locale);
            outbox.queue(new Outbox.Message("centers", Outbox.Channel.SMS, c.phone(), template, locale, subject, sms));
        }
    }
}
