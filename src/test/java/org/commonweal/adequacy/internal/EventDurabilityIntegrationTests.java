package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.commonweal.CommonwealApplication;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.engagement.promoter.FieldLog;
import org.commonweal.grants.GrantAwarded;
import org.commonweal.network.LocationChanged;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No event lost: the application stops between an event's publication and its processing, and the follow-up happens
 * once after a restart, for adequacy (directory changes), insights (refresh requests) and the referral loop (a
 * class referral becomes a registration and its outcome comes back).
 *
 * <p>Two ways to die are covered. A directory change already handed to adequacy, whose publication Spring Modulith
 * has marked complete, waits for its coalesced batch (the quiet period is an hour here) when the instance stops:
 * it must survive in adequacy's queue table. And events whose listeners have not run at all (the async executor's
 * threads are all held, so the listeners' tasks are still queued when the instance stops and are discarded): their
 * incomplete publications must be resubmitted on restart.
 */
class EventDurabilityIntegrationTests {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void eventsPublishedBeforeACrashAreProcessedOnceAfterTheRestart() throws Exception {
        String handed = "test-durable-" + System.nanoTime();
        String unprocessed = handed + "-b";
        long referralId;
        long baseRun;
        String[] loc = new String[2];
        CountDownLatch release = new CountDownLatch(1);
        ConfigurableApplicationContext first =
                start("--commonweal.adequacy.location-quiet=PT1H", "--commonweal.adequacy.location-max-wait=PT1H");
        try {
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            TransactionTemplate tx = first.getBean(TransactionTemplate.class);
            ApplicationEventPublisher events = first;
            baseRun = first.getBean(AdequacyService.class)
                    .run(TODAY, null, "test")
                    .id();
            jdbc.sql("delete from insights.pending where family = 'grants'").update();
            var site = jdbc.sql("select latitude, longitude from geography.zip_area order by zip limit 1")
                    .query((rs, n) -> new double[] {rs.getDouble(1), rs.getDouble(2)})
                    .single();

            // handed over: the listener ran (publication complete), the batch waits for the quiet period
            tx.executeWithoutResult(t -> events.publishEvent(hospital(handed, site)));
            waitFor(() -> queued(jdbc, handed));

            // not processed at all: every async thread is held, so the listeners' tasks stay in the queue
            ThreadPoolTaskExecutor executor = first.getBean("applicationTaskExecutor", ThreadPoolTaskExecutor.class);
            // the pool grows beyond its core size only when its (unbounded) queue is full: never
            int threads = executor.getCorePoolSize();
            for (int i = 0; i < threads; i++) {
                executor.execute(() -> {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            waitFor(() -> executor.getActiveCount() == threads);
            long session = newSession(first, jdbc);
            long promoter = jdbc.sql("select id from engagement.promoter where username = 'engagement-staff'")
                    .query(Long.class)
                    .single();
            SecurityContextHolder.getContext()
                    .setAuthentication(new TestingAuthenticationToken("engagement-staff", ""));
            try {
                tx.executeWithoutResult(t -> {
                    events.publishEvent(hospital(unprocessed, site));
                    events.publishEvent(new GrantAwarded(-1, "TEST-DURABLE", "00-0000000", BigDecimal.ONE));
                    first.getBean(FieldLog.class)
                            .logContact(new FieldLog.NewContact(
                                    promoter,
                                    null,
                                    LocalDate.now(java.time.ZoneId.of("America/Los_Angeles")),
                                    null,
                                    "Durable Referral",
                                    null,
                                    "es",
                                    1,
                                    "CENTER_CLASS",
                                    String.valueOf(session)));
                });
            } finally {
                SecurityContextHolder.clearContext();
            }
            referralId = jdbc.sql("""
                    select r.id from engagement.referral r join engagement.contact c on c.id = r.contact_id
                    where c.person_name = 'Durable Referral' order by r.id desc limit 1""").query(Long.class).single();
            assertThat(incomplete(jdbc)).as("publications left incomplete").isGreaterThanOrEqualTo(3);
        } finally {
            first.close(); // the "crash": queued listener tasks are discarded, the quiet-period timer is stopped
            release.countDown();
        }

        ConfigurableApplicationContext second = start();
        try {
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            waitFor(() -> "ACCEPTED"
                    .equals(jdbc.sql("select outcome from engagement.referral where id = ?")
                            .param(referralId)
                            .query(String.class)
                            .single()));
            waitFor(() -> jdbc.sql("select count(*) from adequacy.location_change_queue where location_id in (?, ?)")
                                    .params(handed, unprocessed)
                                    .query(Integer.class)
                                    .single()
                            == 0
                    && runsAfter(jdbc, baseRun) > 0);
            Thread.sleep(3_000); // past the quiet period: a second (wrong) run or registration would show now
            assertThat(runsAfter(jdbc, baseRun))
                    .as("one adequacy run for both changes")
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from centers.registration where referral_id = ?")
                            .param(referralId)
                            .query(Integer.class)
                            .single())
                    .as("one registration for the referral")
                    .isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from insights.pending where family = 'grants'")
                            .query(Integer.class)
                            .single())
                    .as("insights refresh requested")
                    .isEqualTo(1);
            assertThat(incomplete(jdbc)).as("every publication completed").isZero();
        } finally {
            second.close();
        }
    }

    static ConfigurableApplicationContext start(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--server.port=0";
        all[1] = "--commonweal.scheduling.enabled=false";
        System.arraycopy(args, 0, all, 2, args.length);
        return new SpringApplicationBuilder(CommonwealApplication.class)
                .profiles("test")
                .run(all);
    }

    static LocationChanged hospital(String id, double[] site) {
        return new LocationChanged(id, List.of("medi-cal"), List.of("282N00000X"), site[0], site[1], false);
    }

    static boolean queued(JdbcClient jdbc, String location) {
        return jdbc.sql("select count(*) from adequacy.location_change_queue where location_id = ?")
                        .param(location)
                        .query(Integer.class)
                        .single()
                == 1;
    }

    static int incomplete(JdbcClient jdbc) {
        return jdbc.sql("""
                select count(*) from event_publication where completion_date is null
                and (listener_id like '%DirectoryChanges%' or listener_id like '%SourceEvents%'
                     or listener_id like '%ClassReferrals%' or listener_id like '%Referrals%')""").query(Integer.class).single();
    }

    static int runsAfter(JdbcClient jdbc, long run) {
        return jdbc.sql("select count(*) from adequacy.run where id > ? and started_by = 'system:directory-change'")
                .param(run)
                .query(Integer.class)
                .single();
    }

    static long newSession(ConfigurableApplicationContext context, JdbcClient jdbc) {
        int center = jdbc.sql("select id from centers.center where code = 'east-la'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'cooking'")
                .query(Integer.class)
                .single();
        LocalDateTime start = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(3)
                .atTime(18, 0);
        String title = "Durable Cooking " + System.nanoTime();
        long series = context.getBean(SeriesScheduler.class)
                .create(
                        new SeriesScheduler.NewSeries(
                                center,
                                program,
                                title,
                                title,
                                "es",
                                "Rosa",
                                "Kitchen",
                                10,
                                "everyone",
                                start,
                                90,
                                "FREQ=WEEKLY;COUNT=1"),
                        start.toLocalDate().plusDays(8));
        return context.getBean(SessionQueries.class)
                .seriesSessions(series)
                .getFirst()
                .id();
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within 60 s").isTrue();
    }
}
