package org.commonweal.centers.registration;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.centers.Registration;
import org.commonweal.centers.RegistrationException;
import org.commonweal.centers.schedule.ScheduleChanged;
import org.commonweal.platform.PlanIdentity;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Changes one dated session without touching its series: cancel it, move it, change its capacity. */
@Component
public class SessionEditor {

    private final JdbcClient jdbc;
    private final JdbcCenters centers;
    private final Notifications notifications;
    private final ApplicationEventPublisher events;

    private final ZoneId zone;

    SessionEditor(
            JdbcClient jdbc,
            JdbcCenters centers,
            Notifications notifications,
            ApplicationEventPublisher events,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
        this.centers = centers;
        this.notifications = notifications;
        this.events = events;
    }

    /** Cancels the session and every registration on it; everyone with contact details is told. */
    @Transactional
    public int cancel(long sessionId, String reason, String actor) {
        centers.lock(sessionId);
        jdbc.sql("update centers.class_session set status = 'cancelled', note = ?, edited = true where id = ?")
                .params(reason, sessionId)
                .update();
        events.publishEvent(new ScheduleChanged(0, sessionId));
        List<Registration> open = jdbc.sql(
                        JdbcCenters.REGISTRATION_SELECT
                                + " where session_id = ? and status in ('registered', 'waitlisted', 'offered') order by arrival")
                .param(sessionId)
                .query(JdbcCenters::registration)
                .list();
        for (Registration r : open) {
            centers.cancelLocked(r, "session cancelled", actor);
            notifications.registration(r.id(), "session-cancelled");
        }
        return open.size();
    }

    /** Moves the session to another local start time (and room); registrations stay and are told. */
    @Transactional
    public void move(long sessionId, LocalDateTime newStart, String room, String actor) {
        var locked = centers.lock(sessionId);
        if (locked.cancelled()) {
            throw new RegistrationException("session", "a cancelled session cannot be moved");
        }
        long minutes =
                java.time.Duration.between(locked.startsAt(), locked.endsAt()).toMinutes();
        var begins = newStart.atZone(zone).toOffsetDateTime();
        jdbc.sql(
                        "update centers.class_session set starts_at = ?, ends_at = ?, room = coalesce(?, room), edited = true where id = ?")
                .params(begins, begins.plusMinutes(minutes), room == null || room.isBlank() ? null : room, sessionId)
                .update();
        events.publishEvent(new ScheduleChanged(0, sessionId));
        jdbc.sql(
                        "select id from centers.registration where session_id = ? and status in ('registered', 'waitlisted', 'offered')")
                .param(sessionId)
                .query(Long.class)
                .list()
                .forEach(id -> notifications.registration(id, "session-moved"));
    }

    /**
     * Sets the capacity. More seats are offered to the waitlist at once; fewer never removes anyone already seated
     * (the extra seats simply are not refilled).
     */
    @Transactional
    public int changeCapacity(long sessionId, int capacity, String actor) {
        if (capacity < 0 || capacity > 1000) {
            throw new RegistrationException("capacity", "must be between 0 and 1000");
        }
        centers.lock(sessionId);
        jdbc.sql("update centers.class_session set capacity = ?, edited = true where id = ?")
                .params(capacity, sessionId)
                .update();
        events.publishEvent(new ScheduleChanged(0, sessionId));
        return centers.offerFreedSeats(sessionId, actor);
    }
}
