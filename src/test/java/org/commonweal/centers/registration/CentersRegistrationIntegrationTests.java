package org.commonweal.centers.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class CentersRegistrationIntegrationTests {

    @Autowired
    org.commonweal.platform.SmsConsent smsConsent;

    @Autowired
    JdbcCenters centers;

    @Autowired
    SessionEditor editor;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    @Autowired
    RegistrationJobs jobs;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcClient jdbc;

    @Test
    void twoHundredSimultaneousRegistrationsFillTwentySeatsAndWaitlistTheRestInArrivalOrder() throws Exception {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 20, 20);
        ExecutorService pool = Executors.newFixedThreadPool(200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Registration>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return centers.register(
                            session.id(),
                            CentersTestSessions.resident("P" + n, "Crowd" + n),
                            RegistrationChannel.PUBLIC,
                            "test");
                }));
            }
            start.countDown();
            List<Registration> results = new ArrayList<>();
            for (Future<Registration> f : futures) {
                results.add(f.get());
            }
            assertThat(results)
                    .filteredOn(r -> r.status() == RegistrationStatus.REGISTERED)
                    .hasSize(20);
            assertThat(results)
                    .filteredOn(r -> r.status() == RegistrationStatus.WAITLISTED)
                    .hasSize(180);
        } finally {
            pool.shutdownNow();
        }
        // arrival order: every seat went to someone who arrived before everyone on the waitlist
        List<Registration> all = jdbc.sql(JdbcCenters.REGISTRATION_SELECT + " where session_id = ? order by arrival")
                .param(session.id())
                .query(JdbcCenters::registration)
                .list();
        assertThat(all).hasSize(200);
        assertThat(all.subList(0, 20)).allMatch(r -> r.status() == RegistrationStatus.REGISTERED);
        assertThat(all.subList(20, 200)).allMatch(r -> r.status() == RegistrationStatus.WAITLISTED);
        ClassSession after = queries.session(session.id()).orElseThrow();
        assertThat(after.taken()).isEqualTo(20);
        assertThat(after.waitlisted()).isEqualTo(180);
    }

    @Test
    void aCancellationOffersTheSeatToTheFirstOnTheWaitlistWhoCanAcceptIt() {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 1, 21);
        Registration seated = register(session, "Seated");
        Registration first = register(session, "FirstWaiting");
        Registration second = register(session, "SecondWaiting");
        assertThat(first.status()).isEqualTo(RegistrationStatus.WAITLISTED);

        centers.cancel(seated.confirmationCode(), "test");

        Registration offered = centers.registration(first.confirmationCode()).orElseThrow();
        assertThat(offered.status()).isEqualTo(RegistrationStatus.OFFERED);
        assertThat(offered.offeredUntil()).isNotNull();
        assertThat(centers.registration(second.confirmationCode()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(centers.acceptOffer(first.confirmationCode(), "test").status())
                .isEqualTo(RegistrationStatus.REGISTERED);
        assertThat(queries.session(session.id()).orElseThrow().taken()).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from platform.outbox n join centers.registration r on r.participant_id is not null where r.id = ? and n.template = 'offered' and n.recipient = ?")
                        .params(first.id(), email("FirstWaiting"))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anUnansweredOfferPassesToTheNextPersonWaiting() {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 1, 22);
        Registration seated = register(session, "Holder");
        Registration first = register(session, "Silent");
        Registration second = register(session, "Next");
        centers.cancel(seated.confirmationCode(), "test");
        jdbc.sql("update centers.registration set offered_until = now() - interval '1 minute' where id = ?")
                .param(first.id())
                .update();

        assertThat(centers.expireOffers()).isGreaterThanOrEqualTo(1);

        assertThat(centers.registration(first.confirmationCode()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(centers.registration(second.confirmationCode()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.OFFERED);
        assertThatThrownBy(() -> centers.acceptOffer(first.confirmationCode(), "test"))
                .isInstanceOf(RegistrationException.class);
    }

    @Test
    void checkInMarksAttendanceAndRecordsAVisitAndNoShowOnlyFollowsARegistration() {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 2, 23);
        Registration a = register(session, "Present");
        Registration b = register(session, "Absent");
        Registration attended = centers.checkIn(a.confirmationCode(), "staff");
        assertThat(attended.status()).isEqualTo(RegistrationStatus.ATTENDED);
        assertThat(attended.checkedInAt()).isNotNull();
        assertThat(jdbc.sql("select count(*) from centers.visit where registration_id = ?")
                        .param(a.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(centers.markNoShow(b.confirmationCode(), "staff").status()).isEqualTo(RegistrationStatus.NO_SHOW);
        assertThatThrownBy(() -> centers.cancel(b.confirmationCode(), "staff"))
                .isInstanceOf(RegistrationException.class)
                .hasMessageContaining("no-show registration cannot become cancelled");
    }

    @Test
    void refusesASecondRegistrationOfTheSameMemberAndAnyOnACancelledSession() {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 5, 24);
        var member = new NewParticipant(
                ParticipantKind.PLAN_MEMBER,
                "T" + System.nanoTime(),
                "Maria",
                "Lopez",
                "(213) 555-0100",
                null,
                "90022",
                "es",
                true,
                null);
        // she agreed to texts (#22: no SMS without consent on record)
        smsConsent.optIn("(213) 555-0100", "Envíenme mensajes", java.util.Locale.forLanguageTag("es"), "test");
        centers.register(session.id(), member, RegistrationChannel.STAFF, "staff");
        assertThatThrownBy(() -> centers.register(session.id(), member, RegistrationChannel.PUBLIC, "public"))
                .isInstanceOf(RegistrationException.class)
                .hasMessageContaining("already registered");
        assertThat(jdbc.sql(
                                "select count(*) from platform.outbox where module = 'centers' and recipient = '(213) 555-0100' and channel = 'sms' and locale = 'es'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(1);

        assertThat(editor.cancel(session.id(), "instructor ill", "staff")).isEqualTo(1);
        assertThatThrownBy(() -> centers.register(
                        session.id(),
                        CentersTestSessions.resident("Late", "Comer"),
                        RegistrationChannel.PUBLIC,
                        "public"))
                .hasMessageContaining("cancelled");
    }

    @Test
    void raisingTheCapacityOffersTheNewSeatsInOrderAndTheOutboxDeliversTheMessages() {
        ClassSession session = CentersTestSessions.newSession(scheduler, queries, jdbc, 1, 25);
        register(session, "Cap1");
        Registration w1 = register(session, "Cap2");
        Registration w2 = register(session, "Cap3");
        Registration w3 = register(session, "Cap4");
        assertThat(editor.changeCapacity(session.id(), 3, "staff")).isEqualTo(2);
        assertThat(List.of(w1, w2, w3).stream()
                        .map(r -> centers.registration(r.confirmationCode())
                                .orElseThrow()
                                .status()))
                .containsExactly(RegistrationStatus.OFFERED, RegistrationStatus.OFFERED, RegistrationStatus.WAITLISTED);

        outbox.dispatch();
        // e-mail goes to the SMTP server (demo mode's embedded one in tests, #22); the log adapter takes the rest
        assertThat(jdbc.sql("select count(*) from platform.outbox where module = 'centers' and recipient = ?"
                                + " and status = 'sent' and adapter in ('smtp', 'log')")
                        .param(email("Cap2"))
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql(
                                "select count(*) from platform.outbox where module = 'centers' and recipient = ? and status = 'pending'")
                        .param(email("Cap2"))
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aSessionWithinADayGetsOneReminderPerRegisteredPerson() {
        int center = jdbc.sql("select id from centers.center where code = 'norwalk'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'walking'")
                .query(Integer.class)
                .single();
        var start = java.time.LocalDateTime.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusHours(3)
                .withSecond(0)
                .withNano(0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Soon walk",
                        "Caminata pronto",
                        "en",
                        "Leo",
                        "Main room",
                        1,
                        "everyone",
                        start,
                        60,
                        "FREQ=DAILY;COUNT=1"),
                start.toLocalDate().plusDays(1));
        ClassSession session = queries.seriesSessions(series).getFirst();
        String tag = Long.toString(System.nanoTime(), 36);
        register(session, "Remind" + tag);
        register(session, "Waiting" + tag);
        tag = tag + RUN;

        assertThat(jobs.queueReminders()).isGreaterThanOrEqualTo(1);
        jobs.queueReminders();

        assertThat(jdbc.sql(
                                "select count(*) from platform.outbox where module = 'centers' and template = 'reminder' and recipient = ?")
                        .param("remind" + tag + "@example.org")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from platform.outbox where module = 'centers' and template = 'reminder' and recipient = ?")
                        .param("waiting" + tag + "@example.org")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    /** Names carry a per-run tag: the test database outlives a run, and addresses must not repeat. */
    private static final String RUN = Long.toString(System.nanoTime(), 36);

    private Registration register(ClassSession session, String name) {
        return centers.register(
                session.id(), CentersTestSessions.resident(name, name + RUN), RegistrationChannel.PUBLIC, "test");
    }

    private static String email(String name) {
        return (name + RUN).toLowerCase() + "@example.org";
    }
}
