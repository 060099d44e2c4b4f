package org.commonweal.centers.registration;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.commonweal.centers.ClassSession;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Fresh sessions for tests, so they never depend on what other tests left in the shared database. */
final class CentersTestSessions {

    private CentersTestSessions() {}

    static ClassSession newSession(
            SeriesScheduler scheduler, SessionQueries queries, JdbcClient jdbc, int capacity, int daysAhead) {
        int center = jdbc.sql("select id from centers.center where code = 'pomona'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'zumba'")
                .query(Integer.class)
                .single();
        LocalDateTime start = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))
                .plusDays(daysAhead)
                .atTime(10, 0);
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Test Zumba",
                        "Zumba de prueba",
                        "en",
                        "Ana",
                        "Main room",
                        capacity,
                        "everyone",
                        start,
                        60,
                        "FREQ=DAILY;COUNT=1"),
                start.toLocalDate());
        return queries.seriesSessions(series).getFirst();
    }

    static NewParticipant resident(String first, String last) {
        return new NewParticipant(
                ParticipantKind.COMMUNITY,
                null,
                first,
                last,
                null,
                last.toLowerCase() + "@example.org",
                "91768",
                "en",
                true,
                null);
    }
}
