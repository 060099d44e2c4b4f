package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxAdapter;
import org.commonweal.platform.OutboxRetry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The one outbox on the real database: a provider that refuses a message is retried with backoff and the message is
 * marked failed after the last attempt, while the other messages go through; without a provider the log adapter
 * keeps every message. The provider here is the only thing written for the test: a mail service that refuses one
 * domain, in front of the real log adapter.
 */
@IntegrationTest
class OutboxIntegrationTests {

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
    org.commonweal.platform.SmsConsent smsConsent;

    private final String tag = Long.toString(System.nanoTime(), 36);

    /** A provider that refuses every address at {@code refused.test} and counts what it was given. */
    static final class RefusingProvider implements OutboxAdapter {
        final AtomicInteger refused = new AtomicInteger();

        @Override
        public String name() {
            return "refusing-provider";
        }

        @Override
        public boolean handles(Outbox.Channel channel) {
            return channel == Outbox.Channel.EMAIL;
        }

        @Override
        public void send(Outbox.Delivery d) {
            if (d.recipient().endsWith("@refused.test")) {
                refused.incrementAndGet();
                throw new IllegalStateException("550 mailbox " + d.recipient() + " unavailable");
            }
        }
    }

    /** A phone number of this run that has agreed to texts (the outbox sends no SMS without consent). */
    private String textable(String prefix) {
        String phone = prefix + String.format("%04d", System.nanoTime() % 10_000);
        smsConsent.optIn(phone, "Text me", Locale.ENGLISH, "test");
        return phone;
    }

    private long queue(String recipient, Outbox.Channel channel) {
        return outbox.queue(
                new Outbox.Message("test", channel, recipient, "hello", Locale.forLanguageTag("es"), "Hola", "Cuerpo"));
    }

    private String status(long id) {
        return jdbc.sql("select status from platform.outbox where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    private int attempts(long id) {
        return jdbc.sql("select attempts from platform.outbox where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    /** Moves the message's next attempt to now, as time passing would. */
    private void due(long id) {
        jdbc.sql("update platform.outbox set next_attempt_at = now() where id = ?")
                .param(id)
                .update();
    }

    @Test
    void aRefusedMessageIsRetriedWithGrowingWaitsThenMarkedFailedWhileTheOthersGoThrough() {
        RefusingProvider provider = new RefusingProvider();
        var retry = new OutboxRetry(3, Duration.ofMinutes(1), Duration.ofHours(1));
        var dispatcher = new JdbcOutbox(jdbc, List.of(logAdapter, provider), jobs, transactions, retry, smsConsent);
        while (outbox.dispatch() > 0) {
            // other tests' messages go through the application's own adapters first
        }
        long refused = queue("ana." + tag + "@refused.test", Outbox.Channel.EMAIL);
        long fine = queue("ben." + tag + "@example.org", Outbox.Channel.EMAIL);
        long sms = queue(textable("(213) 555-"), Outbox.Channel.SMS);

        Instant before = Instant.now();
        dispatcher.dispatch();
        assertThat(provider.refused).hasValue(1);
        assertThat(status(refused)).isEqualTo("pending");
        assertThat(attempts(refused)).isEqualTo(1);
        Instant next = jdbc.sql("select next_attempt_at from platform.outbox where id = ?")
                .param(refused)
                .query(Instant.class)
                .single();
        assertThat(Duration.between(before, next)).isBetween(Duration.ofSeconds(50), Duration.ofSeconds(70));
        assertThat(jdbc.sql("select last_error from platform.outbox where id = ?")
                        .param(refused)
                        .query(String.class)
                        .single())
                .isEqualTo("IllegalStateException")
                .doesNotContain("refused.test");
        // the provider took the other email, the log adapter the SMS (the provider sends no SMS)
        assertThat(jdbc.sql("select adapter from platform.outbox where id in (?, ?) order by id")
                        .params(fine, sms)
                        .query(String.class)
                        .list())
                .containsExactly("refusing-provider", "log");

        // not due yet: a dispatch now leaves it alone
        dispatcher.dispatch();
        assertThat(provider.refused).hasValue(1);

        due(refused);
        dispatcher.dispatch();
        assertThat(attempts(refused)).isEqualTo(2);
        assertThat(jdbc.sql("select next_attempt_at - now() > interval '110 seconds' from platform.outbox where id = ?")
                        .param(refused)
                        .query(Boolean.class)
                        .single())
                .as("second wait is twice the first")
                .isTrue();

        due(refused);
        dispatcher.dispatch();
        assertThat(provider.refused).hasValue(3);
        assertThat(status(refused)).isEqualTo("failed");
        assertThat(attempts(refused)).isEqualTo(3);
        due(refused);
        dispatcher.dispatch();
        assertThat(provider.refused).as("a failed message is not tried again").hasValue(3);
    }

    /** SMS has no provider here, so the log adapter keeps it; e-mail goes to the SMTP server (GreenMail in tests). */
    @Test
    void withoutAProviderTheLogAdapterKeepsEveryMessageOnce() {
        long email = queue("cy." + tag + "@example.org", Outbox.Channel.EMAIL);
        long sms = queue(textable("(310) 555-"), Outbox.Channel.SMS);
        while (outbox.dispatch() > 0) {
            // drain: other tests' messages may come first
        }
        outbox.dispatch();
        assertThat(jdbc.sql("""
                select o.status || ' ' || o.adapter || ' ' || o.locale || ' ' || l.channel || ' ' || l.subject
                from platform.outbox o join platform.outbox_log l on l.outbox_id = o.id where o.id in (?, ?) order by o.id""").params(email, sms).query(String.class).list()).containsExactly("sent log es sms Hola");
        assertThat(jdbc.sql("select status || ' ' || adapter from platform.outbox where id = ?")
                        .param(email)
                        .query(String.class)
                        .single())
                .isEqualTo("sent smtp");
    }

    @Test
    void discardRemovesOnlyTheNamedModulesMessagesAndTheirLog() {
        long mine = outbox.queue(new Outbox.Message(
                "discard-" + tag, Outbox.Channel.EMAIL, "d@example.org", "t", Locale.ENGLISH, "s", "b"));
        long other = queue("e." + tag + "@example.org", Outbox.Channel.EMAIL);
        outbox.dispatch();
        assertThat(outbox.discard("discard-" + tag)).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from platform.outbox where id in (?, ?)")
                        .params(mine, other)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from platform.outbox_log where outbox_id = ?")
                        .param(mine)
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
