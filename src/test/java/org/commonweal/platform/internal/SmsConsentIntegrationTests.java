package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxRetry;
import org.commonweal.platform.SmsChannel;
import org.commonweal.platform.SmsConsent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Text messages only with consent on record (#22): the opt-in keeps phone, time, the words shown and where; a STOP
 * reply (in English or Spanish) withdraws it, even for a text already queued; START gives it back; a provider
 * {@link SmsChannel} sends what the consent allows; a class registration texts only a person who ticked the box.
 */
@IntegrationTest
class SmsConsentIntegrationTests {

    @Autowired
    SmsConsent consent;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClusterJobs jobs;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    LogOutboxAdapter logAdapter;

    @Autowired
    MockMvc mvc;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    /** A phone number no other test uses: 818-55x-xxxx from the clock. */
    static String phone() {
        long n = System.nanoTime() % 100_000;
        return String.format("(818) 55%d-%04d", n / 10_000, n % 10_000);
    }

    /** A provider that keeps what it was handed. */
    static final class RecordingChannel implements SmsChannel {
        final List<String> sent = new ArrayList<>();

        @Override
        public String name() {
            return "test-sms-provider";
        }

        @Override
        public void send(String phone, String text) {
            sent.add(phone + " " + text);
        }
    }

    long queueText(String phone) {
        return outbox.queue(new Outbox.Message(
                "test", Outbox.Channel.SMS, phone, "hello", Locale.ENGLISH, "Hi", "Hi. Reply STOP to stop texts."));
    }

    String state(long id) {
        return jdbc.sql("select status || ' ' || coalesce(adapter, '-') || ' ' || coalesce(last_error, '-') "
                        + "from platform.outbox where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    int logged(long id) {
        return jdbc.sql("select count(*) from platform.outbox_log where outbox_id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    @Test
    void anOptInIsRecordedWithTheWordsShownWhenAndWhereAndMatchesTheNumberHoweverWritten() {
        String phone = phone();
        assertThat(consent.allows(phone)).isFalse();
        Instant before = Instant.now().minusSeconds(1);
        consent.optIn(phone, "Envíenme mensajes de texto", Locale.forLanguageTag("es"), "centers-registration");
        String digits = SmsConsent.digits(phone).orElseThrow();
        assertThat(jdbc.sql("select phone || ' ' || opted_in || ' ' || wording || ' ' || language || ' ' || source "
                                + "from platform.sms_consent where phone = ?")
                        .param(digits)
                        .query(String.class)
                        .single())
                .isEqualTo(digits + " true Envíenme mensajes de texto es centers-registration");
        assertThat(jdbc.sql("select recorded_at from platform.sms_consent where phone = ?")
                        .param(digits)
                        .query(Instant.class)
                        .single())
                .isAfter(before);
        assertThat(consent.allows(
                        "+1 " + digits.substring(0, 3) + "-" + digits.substring(3, 6) + "-" + digits.substring(6)))
                .isTrue();
        assertThat(consent.allows("1" + digits)).isTrue();
        assertThat(consent.allows("555-0100")).as("not a full number").isFalse();
        assertThat(SmsConsent.digits("(213) 555-010")).isEmpty();
    }

    @Test
    void stopInEitherLanguageWithdrawsItAndStartGivesItBack() {
        for (String stop : List.of("STOP", "stop", " Stop. ", "ALTO", "Unsubscribe", "parar")) {
            String phone = phone();
            consent.optIn(phone, "Text me", Locale.ENGLISH, "test");
            assertThat(consent.received(phone, "Thanks!")).isEqualTo(SmsConsent.Reply.NONE);
            assertThat(consent.allows(phone)).isTrue();
            assertThat(consent.received(phone, stop)).as(stop).isEqualTo(SmsConsent.Reply.STOPPED);
            assertThat(consent.allows(phone)).as(stop).isFalse();
            assertThat(consent.received(phone, "START")).isEqualTo(SmsConsent.Reply.STARTED);
            assertThat(consent.allows(phone)).isTrue();
        }
        // "stop" inside a sentence is not the keyword
        String phone = phone();
        consent.optIn(phone, "Text me", Locale.ENGLISH, "test");
        assertThat(consent.received(phone, "please don't stop the class")).isEqualTo(SmsConsent.Reply.NONE);
        assertThat(consent.allows(phone)).isTrue();
    }

    @Test
    void theOutboxSendsNoTextWithoutConsentNorAfterAStopAndAProviderGetsTheRest() {
        var provider = new RecordingChannel();
        var dispatcher = new JdbcOutbox(
                jdbc,
                List.of(logAdapter, new SmsOutboxAdapter(provider)),
                jobs,
                transactions,
                new OutboxRetry(3, Duration.ofMinutes(1), Duration.ofHours(1)),
                consent);
        while (outbox.dispatch() > 0) {
            // other tests' messages first
        }
        String never = phone();
        String agreed = phone();
        String stopped = phone();
        consent.optIn(agreed, "Text me", Locale.ENGLISH, "test");
        consent.optIn(stopped, "Text me", Locale.ENGLISH, "test");
        long toNever = queueText(never);
        long toAgreed = queueText(agreed);
        long toStopped = queueText(stopped);
        consent.received(stopped, "STOP"); // after it was queued
        while (dispatcher.dispatch() > 0) {
            // drain
        }
        assertThat(state(toNever)).isEqualTo("failed - no SMS consent");
        assertThat(state(toStopped)).isEqualTo("failed - no SMS consent");
        assertThat(logged(toNever) + logged(toStopped))
                .as("not even kept by the log adapter")
                .isZero();
        assertThat(state(toAgreed)).isEqualTo("sent test-sms-provider -");
        assertThat(provider.sent).containsExactly(agreed + " Hi. Reply STOP to stop texts.");
        // failed for want of consent is final: a later opt-in does not send the old message
        consent.optIn(never, "Text me", Locale.ENGLISH, "test");
        dispatcher.dispatch();
        assertThat(state(toNever)).startsWith("failed");
    }

    @Test
    void aClassRegistrationTextsOnlyWhenTheBoxIsTickedAndRecordsTheWordsShown() throws Exception {
        int center = jdbc.sql("select id from centers.center where code = 'east-la'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'cooking'")
                .query(Integer.class)
                .single();
        LocalDateTime start =
                LocalDate.now(ZoneId.of("America/Los_Angeles")).plusDays(6).atTime(10, 0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Sms cooking",
                        "Cocina sms",
                        "es",
                        "Rosa",
                        "Kitchen",
                        5,
                        "everyone",
                        start,
                        60,
                        "FREQ=WEEKLY;COUNT=1"),
                start.toLocalDate().plusWeeks(1));
        long session = queries.seriesSessions(series).getFirst().id();

        String ticked = phone();
        mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("lang", "es")
                        .param("kind", "community")
                        .param("firstName", "Ana")
                        .param("lastName", "Texto")
                        .param("phone", ticked)
                        .param("textMe", "true")
                        .param("language", "es"))
                .andExpect(status().is3xxRedirection());
        String digits = SmsConsent.digits(ticked).orElseThrow();
        assertThat(jdbc.sql("select wording || ' | ' || language || ' | ' || source from platform.sms_consent "
                                + "where phone = ?")
                        .param(digits)
                        .query(String.class)
                        .single())
                .startsWith("Envíenme la confirmación y un recordatorio")
                .contains("Responda ALTO")
                .endsWith("| es | centers-registration");
        assertThat(jdbc.sql("select body from platform.outbox where module = 'centers' and channel = 'sms' "
                                + "and recipient = ? and template = 'confirmed'")
                        .param(ticked)
                        .query(String.class)
                        .single())
                .startsWith("Está inscrito: Cocina sms.")
                .contains("/centers/registrations/")
                .endsWith("Responda ALTO para no recibir más mensajes.");

        String unticked = phone();
        mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Ben")
                        .param("lastName", "Notext")
                        .param("phone", unticked)
                        .param("language", "en"))
                .andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from platform.outbox where recipient = ?")
                        .param(unticked)
                        .query(Integer.class)
                        .single())
                .as("no consent, no text")
                .isZero();

        // the box ticked without a number: the phone field says what is missing, nothing is registered
        String html = mvc.perform(post("/centers/sessions/" + session + "/register")
                        .with(csrf())
                        .param("kind", "community")
                        .param("firstName", "Cy")
                        .param("lastName", "Nophone")
                        .param("textMe", "true"))
                .andExpect(status().is(422))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(html).contains("enter the mobile number to text");
        assertThat(jdbc.sql("select count(*) from centers.participant where last_name = 'Nophone'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
