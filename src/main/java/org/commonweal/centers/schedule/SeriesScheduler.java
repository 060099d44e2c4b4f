package org.commonweal.centers.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Creates class series and turns their recurrence rule into dated sessions. */
@Component
public class SeriesScheduler {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    private final ZoneId zone;

    SeriesScheduler(JdbcClient jdbc, ApplicationEventPublisher events, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
        this.events = events;
    }

    /** A new class series; {@code firstStart} is local time at the center. */
    public record NewSeries(
            int centerId,
            int programId,
            String titleEn,
            String titleEs,
            String language,
            String instructor,
            String room,
            int capacity,
            String eligibility,
            LocalDateTime firstStart,
            int durationMinutes,
            String rrule) {}

    /** Creates the series and its sessions up to {@code lastDay}; returns the series id. */
    @Transactional
    public long create(NewSeries s, LocalDate lastDay) {
        RecurrenceRule rule = RecurrenceRule.parse(s.rrule());
        long id = jdbc.sql("""
                insert into centers.class_series (center_id, program_id, title_en, title_es, language, instructor, room,
                  capacity, eligibility, first_start, duration_minutes, rrule)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        s.centerId(),
                        s.programId(),
                        s.titleEn(),
                        s.titleEs(),
                        s.language(),
                        s.instructor(),
                        s.room(),
                        s.capacity(),
                        s.eligibility(),
                        s.firstStart(),
                        s.durationMinutes(),
                        rule.toString())
                .query(Long.class)
                .single();
        generate(id, lastDay);
        return id;
    }

    /** What a change of series did to its future sessions. */
    public record Reschedule(int removed, int added, int kept) implements java.io.Serializable {}

    /**
     * Changes a series. Titles, language, instructor and eligibility show on every session at once. Future sessions
     * not edited one by one and without any registration are replaced by the (new) rule's sessions up to
     * {@code lastDay}; future sessions with registrations are kept where they are (staff move or cancel them one by
     * one) and take the new room. Capacity is the caller's part (it may offer seats to the waitlist).
     */
    @Transactional
    public Reschedule update(long seriesId, NewSeries s, LocalDate lastDay) {
        RecurrenceRule rule = RecurrenceRule.parse(s.rrule());
        int changed = jdbc.sql("""
                update centers.class_series set program_id = ?, title_en = ?, title_es = ?, language = ?, instructor = ?,
                  room = ?, capacity = ?, eligibility = ?, first_start = ?, duration_minutes = ?, rrule = ?
                where id = ? and center_id = ?""")
                .params(
                        s.programId(),
                        s.titleEn(),
                        s.titleEs(),
                        s.language(),
                        s.instructor(),
                        s.room(),
                        s.capacity(),
                        s.eligibility(),
                        s.firstStart(),
                        s.durationMinutes(),
                        rule.toString(),
                        seriesId,
                        s.centerId())
                .update();
        if (changed == 0) {
            throw new IllegalArgumentException("no series " + seriesId + " at this center");
        }
        int removed = jdbc.sql("""
                delete from centers.class_session s where s.series_id = ? and s.starts_at > now() and not s.edited
                  and not exists (select 1 from centers.registration r where r.session_id = s.id)""").param(seriesId).update();
        int kept = jdbc.sql("""
                update centers.class_session set room = ? where series_id = ? and starts_at > now() and not edited""").params(s.room(), seriesId).update();
        List<OffsetDateTime> existing = jdbc.sql("select starts_at from centers.class_session where series_id = ?")
                .param(seriesId)
                .query(OffsetDateTime.class)
                .list();
        java.util.Set<java.time.Instant> taken = new java.util.HashSet<>();
        existing.forEach(t -> taken.add(t.toInstant()));
        int added = 0;
        for (LocalDateTime start : rule.occurrences(s.firstStart(), lastDay)) {
            var begins = start.atZone(zone).toOffsetDateTime();
            if (!begins.toInstant().isAfter(java.time.Instant.now()) || taken.contains(begins.toInstant())) {
                continue;
            }
            jdbc.sql("""
                    insert into centers.class_session (series_id, center_id, starts_at, ends_at, capacity, room)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(
                            seriesId,
                            s.centerId(),
                            begins,
                            begins.plusMinutes(s.durationMinutes()),
                            s.capacity(),
                            s.room())
                    .update();
            added++;
        }
        events.publishEvent(new ScheduleChanged(seriesId, 0));
        return new Reschedule(removed, added, kept);
    }

    /** A series as listed for staff. */
    public record SeriesSummary(
            long id,
            String program,
            String titleEn,
            String language,
            String instructor,
            String room,
            int capacity,
            String rrule,
            LocalDateTime firstStart,
            long upcoming) {}

    public List<SeriesSummary> seriesAt(int centerId) {
        return jdbc.sql("""
                select r.id, p.code, r.title_en, r.language, r.instructor, r.room, r.capacity, r.rrule, r.first_start,
                       (select count(*) from centers.class_session s where s.series_id = r.id and s.starts_at > now()
                          and s.status = 'scheduled')
                from centers.class_series r join centers.program p on p.id = r.program_id
                where r.center_id = ? order by r.title_en, r.id""")
                .param(centerId)
                .query((rs, n) -> new SeriesSummary(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getObject(9, LocalDateTime.class),
                        rs.getLong(10)))
                .list();
    }

    /** The series as its edit form shows it; {@code until} is the day of its last session. */
    public java.util.Optional<SeriesForm> form(long seriesId) {
        return jdbc.sql("""
                select c.code, p.code, r.title_en, r.title_es, r.language, r.instructor, r.room, r.capacity,
                       r.eligibility, r.first_start, r.duration_minutes, r.rrule,
                       (select max(s.starts_at) from centers.class_session s where s.series_id = r.id)
                from centers.class_series r join centers.center c on c.id = r.center_id
                join centers.program p on p.id = r.program_id where r.id = ?""")
                .param(seriesId)
                .query((rs, n) -> {
                    OffsetDateTime last = rs.getObject(13, OffsetDateTime.class);
                    return new SeriesForm(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            String.valueOf(rs.getInt(8)),
                            rs.getString(9),
                            rs.getObject(10, LocalDateTime.class).toString(),
                            String.valueOf(rs.getInt(11)),
                            rs.getString(12),
                            last == null
                                    ? null
                                    : last.atZoneSameInstant(zone).toLocalDate().toString());
                })
                .optional();
    }

    /**
     * Adds the series' missing sessions up to {@code lastDay}. Sessions already there (edited one by one or not) stay
     * as they are; returns how many were added.
     */
    @Transactional
    public int generate(long seriesId, LocalDate lastDay) {
        record Series(int centerId, String room, int capacity, LocalDateTime firstStart, int minutes, String rrule) {}
        Series s = jdbc.sql(
                        "select center_id, room, capacity, first_start, duration_minutes, rrule from centers.class_series where id = ?")
                .param(seriesId)
                .query((rs, n) -> new Series(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getObject(4, LocalDateTime.class),
                        rs.getInt(5),
                        rs.getString(6)))
                .single();
        LocalDateTime latest = jdbc.sql("select max(starts_at) from centers.class_session where series_id = ?")
                .param(seriesId)
                .query(OffsetDateTime.class)
                .optional()
                .map(t -> t.atZoneSameInstant(zone).toLocalDateTime())
                .orElse(null);
        List<LocalDateTime> starts = RecurrenceRule.parse(s.rrule()).occurrences(s.firstStart(), lastDay);
        int added = 0;
        for (LocalDateTime start : starts) {
            if (latest != null && !start.isAfter(latest)) {
                continue;
            }
            var begins = start.atZone(zone).toOffsetDateTime();
            jdbc.sql("""
                    insert into centers.class_session (series_id, center_id, starts_at, ends_at, capacity, room)
                    values (?, ?, ?, ?, ?, ?)""")
                    .params(seriesId, s.centerId(), begins, begins.plusMinutes(s.minutes()), s.capacity(), s.room())
                    .update();
            added++;
        }
        if (added > 0) {
            events.publishEvent(new ScheduleChanged(seriesId, 0));
        }
        return added;
    }
}
