package org.commonweal.centers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Class messages that reach people (#22): the confirmation e-mail, delivered over SMTP to a real (embedded, GreenMail)
 * server, names the address and the map, and carries that session's calendar entry, which parses as RFC 5545 with
 * the session's own start and end; the confirmation page has the address, map and directions and the same entry; a
 * waitlisted person gets neither a calendar entry nor a QR code "for the kiosk"; the day-before reminder is sent
 * once however often the job runs.
 */
@IntegrationTest
class ClassMessagesIntegrationTests {

    @Autowired
    Centers centers;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commonweal.platform.Outbox outbox;

    @Autowired
    RegistrationJobs jobs;

    @Autowired
    org.commonweal.platform.PlanIdentity plan;

    @Autowired
    GreenMail smtp;

    @Autowired
    MockMvc mvc;

    static final String RUN = Long.toString(System.nanoTime(), 36);

    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equalsIgnoreCase(address)) {
                out.add(m);
            }
        }
        return out;
    }

    /** The text and the attachments (file name → content) of a message. */
    static Map<String, String> parts(MimeMessage m) throws Exception {
        Map<String, String> parts = new LinkedHashMap<>();
        if (m.getContent() instanceof Multipart multipart) {
            collect(multipart, parts);
        } else {
            parts.put("text", m.getContent().toString());
        }
        return parts;
    }

    private static void collect(Multipart multipart, Map<String, String> parts) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner) {
                collect(inner, parts);
            } else if (part.getFileName() != null) {
                parts.put(part.getFileName(), new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } else {
                parts.put("text", part.getContent().toString());
            }
        }
    }

    @Test
    void theConfirmationEmailCarriesTheAddressAMapAndThatSessionsCalendarEntry() throws Exception {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 1, 9);
        var seated = centers.register(
                session.id(), CentersTestSessions.resident("Mail", "Seated" + RUN), RegistrationChannel.PUBLIC, "test");
        var waiting = centers.register(
                session.id(),
                CentersTestSessions.resident("Mail", "Waiting" + RUN),
                RegistrationChannel.PUBLIC,
                "test");
        outbox.dispatch();

        var center = queries.center(session.centerCode()).orElseThrow();
        List<MimeMessage> toSeated = mailTo(("seated" + RUN + "@example.org"));
        assertThat(toSeated).hasSize(1);
        MimeMessage confirmation = toSeated.getFirst();
        assertThat(confirmation.getSubject()).isEqualTo("You are registered: Test Zumba");
        Map<String, String> parts = parts(confirmation);
        assertThat(parts.get("text"))
                .contains(center.displayAddress())
                .contains("openstreetmap.org")
                .contains("/centers/registrations/" + seated.confirmationCode());
        String ics = parts.get("class.ics");
        assertThat(ics).isNotNull();
        Map<String, List<String>> event = Rfc5545.parse(ics).getFirst();
        DateTimeFormatter utc =
                DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
        assertThat(event.get("DTSTART")).containsExactly(utc.format(session.startsAt()));
        assertThat(event.get("DTEND")).containsExactly(utc.format(session.endsAt()));
        assertThat(event.get("UID")).singleElement().asString().startsWith("session-" + session.id() + "@");
        assertThat(Rfc5545.unescape(event.get("LOCATION").getFirst())).contains(center.displayAddress());

        // the waitlisted person hears they wait: no calendar entry for a seat they do not have
        MimeMessage waitlisted = mailTo("waiting" + RUN + "@example.org").getFirst();
        assertThat(waitlisted.getSubject()).startsWith("You are on the waitlist");
        assertThat(parts(waitlisted)).doesNotContainKey("class.ics");

        // the confirmation page: address, map, directions, the same calendar entry; no QR for the waitlisted
        String page = mvc.perform(get("/centers/registrations/" + seated.confirmationCode()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("id=\"registration-address\"")
                .contains("id=\"registration-map\"")
                .contains("id=\"registration-directions\"")
                .contains("id=\"confirmation-qr\"")
                .contains("/centers/registrations/" + seated.confirmationCode() + "/session.ics");
        String fromPage = mvc.perform(get("/centers/registrations/" + seated.confirmationCode() + "/session.ics"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(Rfc5545.parse(fromPage).getFirst().get("DTSTART")).isEqualTo(event.get("DTSTART"));
        String waitPage = mvc.perform(get("/centers/registrations/" + waiting.confirmationCode()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(waitPage)
                .doesNotContain("id=\"confirmation-qr\"")
                .doesNotContain("session.ics")
                .doesNotContain("show it or type it at the check-in kiosk")
                .contains("id=\"registration-address\"");
        mvc.perform(get("/centers/registrations/" + waiting.confirmationCode() + "/session.ics"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theReminderBeforeTheClassIsSentOnceHoweverOftenTheJobRuns() throws Exception {
        int center = jdbc.sql("select id from centers.center where code = 'norwalk'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'walking'")
                .query(Integer.class)
                .single();
        var start = java.time.LocalDateTime.now(plan.timeZone())
                .plusHours(5)
                .withSecond(0)
                .withNano(0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Mail walk",
                        "Caminata correo",
                        "en",
                        "Leo",
                        "Main room",
                        5,
                        "everyone",
                        start,
                        60,
                        "FREQ=DAILY;COUNT=1"),
                start.toLocalDate().plusDays(1));
        ClassSession session = queries.seriesSessions(series).getFirst();
        centers.register(
                session.id(), CentersTestSessions.resident("Mail", "Remind" + RUN), RegistrationChannel.PUBLIC, "test");
        for (int i = 0; i < 3; i++) {
            jobs.queueReminders();
            outbox.dispatch();
        }
        List<MimeMessage> mail = mailTo("remind" + RUN + "@example.org");
        assertThat(mail)
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder("You are registered: Mail walk", "Reminder: Mail walk");
        MimeMessage reminder = mail.stream()
                .filter(m -> {
                    try {
                        return m.getSubject().startsWith("Reminder");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .findFirst()
                .orElseThrow();
        assertThat(parts(reminder)).containsKey("class.ics");
        assertThat(parts(reminder).get("text")).contains("Norwalk");
    }

    /**
     * A strict reader of RFC 5545 as far as these files use it: CRLF line ends, content lines of at most 75 octets
     * folded with CRLF + space, VCALENDAR with VERSION 2.0 and PRODID around VEVENTs, each with UID, DTSTAMP and
     * DTSTART, nested BEGIN/END matched. Returns each VEVENT's properties (name → values).
     */
    static final class Rfc5545 {

        static List<Map<String, List<String>>> parse(String text) {
            assertThat(text).endsWith("\r\n");
            assertThat(text.replace("\r\n", ""))
                    .as("bare CR or LF")
                    .doesNotContain("\n")
                    .doesNotContain("\r");
            List<String> lines = new ArrayList<>();
            for (String raw : text.split("\r\n")) {
                assertThat(raw.getBytes(StandardCharsets.UTF_8).length)
                        .as("octets of " + raw)
                        .isLessThanOrEqualTo(75);
                if (raw.startsWith(" ") || raw.startsWith("\t")) {
                    assertThat(lines).as("a folded line continues a line").isNotEmpty();
                    lines.set(lines.size() - 1, lines.getLast() + raw.substring(1));
                } else {
                    lines.add(raw);
                }
            }
            assertThat(lines.getFirst()).isEqualTo("BEGIN:VCALENDAR");
            assertThat(lines.getLast()).isEqualTo("END:VCALENDAR");
            assertThat(lines).contains("VERSION:2.0").anyMatch(l -> l.startsWith("PRODID:"));
            List<Map<String, List<String>>> events = new ArrayList<>();
            java.util.Deque<String> open = new java.util.ArrayDeque<>();
            Map<String, List<String>> event = null;
            for (String line : lines) {
                int colon = line.indexOf(':');
                assertThat(colon).as("name:value in " + line).isPositive();
                String name = line.substring(0, colon).split(";")[0];
                assertThat(name).matches("[A-Z0-9-]+");
                String value = line.substring(colon + 1);
                if (name.equals("BEGIN")) {
                    open.push(value);
                    if (value.equals("VEVENT")) {
                        event = new LinkedHashMap<>();
                    }
                } else if (name.equals("END")) {
                    assertThat(open.pop()).isEqualTo(value);
                    if (value.equals("VEVENT")) {
                        assertThat(event).containsKeys("UID", "DTSTAMP", "DTSTART");
                        events.add(event);
                        event = null;
                    }
                } else if (event != null) {
                    event.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
            assertThat(open).isEmpty();
            assertThat(events).isNotEmpty();
            return events;
        }

        static String unescape(String value) {
            return value.replace("\\n", "\n")
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\\\", "\\");
        }
    }
}
