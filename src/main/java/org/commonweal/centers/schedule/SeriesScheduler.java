package org.commonweal.centers.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creates class series and turns their recurrence rule into dated sessions. */
@Component
public class SeriesScheduler {

    private final JdbcClient jdbc;

    SeriesScheduler(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new class series; {@code firstStart} is local time at the center. */
    public record NewSeries(int centerId, int programId, String titleEn, String titleEs, String language,
            String instructor, String room, int capacity, String eligibility, LocalDateTime firstStart,
            int durationMinutes, String rrule) {
    }

    /** Creates the series and its sessions up to {@code lastDay}; returns the series id. */
    @Transactional
    public long create(NewSeries s, LocalDate lastDay) {
        RecurrenceRule rule = RecurrenceRule.parse(s.rrule());
        long id = jdbc.sql("""
                insert into centers.class_series (center_id, program_id, title_en, title_es, language, instructor, room,
                  capacity, eligibility, first_start, duration_minutes, rrule)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(s.centerId(), s.programId(), s.titleEn(), s.titleEs(), s.language(), s.instructor(), s.room(),
                        s.capacity(), s.eligibility(), s.firstStart(), s.durationMinutes(), rule.toString())
                .query(Long.class).single();
        generate(id, lastDay);
        return id;
    }

    /**
     * Adds the series' missing sessions up to {@code lastDay}. Sessions already there (edited one by one or not) stay
     * as they are; returns how many were added.
     */
    @Transactional
    public int generate(long seriesId, LocalDate lastDay) {
        record Series(int centerId, String room, int capacity, LocalDateTime firstStart, int minutes, String rrule) {
        }
        Series s = jdbc.sql("select center_id, room, capacity, first_start, duration_minutes, rrule from centers.class_series where id = ?")
                .param(seriesId)
                .query((rs, n) -> new Series(rs.getInt(1), rs.getString(2), rs.getInt(3),
                        rs.getObject(4, LocalDateTime.class), rs.getInt(5), rs.getString(6)))
                .single();
        LocalDateTime latest = jdbc.sql("select max(starts_at) from centers.class_session where series_id = ?")
                .param(seriesId).query(OffsetDateTime.class).optional()
                .map(t -> t.atZoneSameInstant(SessionQueries.ZONE).toLocalDateTime()).orElse(null);
        List<LocalDateTime> starts = RecurrenceRule.parse(s.rrule()).occurrences(s.firstStart(), lastDay);
        int added = 0;
        for (LocalDateTime start : starts) {
            if (latest != null && !start.isAfter(latest)) {
                continue;
            }
            var begins = start.atZone(SessionQueries.ZONE).toOffsetDateTime();
            jdbc.sql("""
                    insert into centers.class_session (series_id, center_id, starts_at, ends_at, capacity, room)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(seriesId, s.centerId(), begins, begins.plusMinutes(s.minutes()), s.capacity(), s.room())
                    .update();
            added++;
        }
        return added;
    }
}
