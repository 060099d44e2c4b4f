package org.commonweal.centers.registration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Who is on a session, and finding a person's registration for today at a center (staff desk and kiosk). */
@Component
public class Rosters {

    private final JdbcClient jdbc;

    private final ZoneId zone;

    Rosters(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
    }

    public record Entry(
            long registrationId,
            long sessionId,
            String code,
            String status,
            String firstName,
            String lastName,
            String kind,
            String memberId,
            String phone,
            String accessibility,
            String sessionTitle,
            java.time.Instant startsAt,
            long arrival) {

        /** First name and last initial: what the kiosk may show to the person in front of it. */
        public String shortName() {
            return firstName + " " + (lastName.isEmpty() ? "" : lastName.charAt(0) + ".");
        }
    }

    private static final String SELECT = """
            select g.id, g.session_id, g.confirmation_code, g.status, p.first_name, p.last_name, p.kind, p.member_id,
                   p.phone, p.accessibility, r.title_en, s.starts_at, g.arrival
            from centers.registration g join centers.participant p on p.id = g.participant_id
            join centers.class_session s on s.id = g.session_id join centers.class_series r on r.id = s.series_id
            """;

    public List<Entry> roster(long sessionId) {
        return jdbc.sql(
                        SELECT
                                + " where g.session_id = ? order by case g.status when 'waitlisted' then 1 when 'cancelled' then 2 else 0 end, g.arrival")
                .param(sessionId)
                .query(Rosters::entry)
                .list();
    }

    /** Today's open registrations at a center whose code matches exactly or whose name matches the words typed. */
    public List<Entry> findToday(int centerId, String query, LocalDate day) {
        String q = query == null ? "" : query.strip();
        if (q.length() < 2) {
            return List.of();
        }
        var from = day.atStartOfDay(zone).toOffsetDateTime();
        return jdbc.sql(SELECT + """
                 where s.center_id = ? and s.starts_at >= ? and s.starts_at < ?
                   and g.status in ('registered', 'offered', 'attended')
                   and (g.confirmation_code = upper(?) or lower(p.last_name) like lower(?) || '%'
                        or lower(p.first_name || ' ' || p.last_name) like lower(?) || '%')
                 order by s.starts_at, p.last_name limit 20""")
                .params(centerId, from, from.plusDays(1), q, q, q)
                .query(Rosters::entry)
                .list();
    }

    private static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                SessionQueries.instant(rs, 12),
                rs.getLong(13));
    }
}
