package org.commonweal.centers.registration;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Staff create and change class series. A new capacity reaches the future sessions not edited one by one (never
 * below the seats already taken); seats it adds are offered to the waitlist in arrival order, under the session lock.
 */
@Service
public class SeriesAdministration {

    private final SeriesScheduler scheduler;
    private final JdbcCenters centers;
    private final JdbcClient jdbc;

    SeriesAdministration(SeriesScheduler scheduler, JdbcCenters centers, JdbcClient jdbc) {
        this.scheduler = scheduler;
        this.centers = centers;
        this.jdbc = jdbc;
    }

    @Transactional
    public long create(SeriesScheduler.NewSeries series, LocalDate lastDay) {
        return scheduler.create(series, lastDay);
    }

    @Transactional
    public SeriesScheduler.Reschedule update(
            long seriesId, SeriesScheduler.NewSeries series, LocalDate lastDay, String actor) {
        SeriesScheduler.Reschedule result = scheduler.update(seriesId, series, lastDay);
        List<Long> sessions = jdbc.sql("""
                select id from centers.class_session where series_id = ? and starts_at > now() and not edited
                  and status = 'scheduled' and capacity <> ? order by id""")
                .params(seriesId, series.capacity())
                .query(Long.class)
                .list();
        for (long sessionId : sessions) {
            centers.lock(sessionId);
            jdbc.sql("update centers.class_session set capacity = greatest(?, taken) where id = ?")
                    .params(series.capacity(), sessionId)
                    .update();
            centers.offerFreedSeats(sessionId, actor);
        }
        return result;
    }
}
