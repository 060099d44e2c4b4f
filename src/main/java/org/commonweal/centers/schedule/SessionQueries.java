package org.commonweal.centers.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.commonweal.centers.Center;
import org.commonweal.centers.ClassSession;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads centers and sessions for the schedule, the calendar feeds and the staff pages. */
@Component
public class SessionQueries {

    static final String SESSION_SELECT = """
            select s.id, s.series_id, s.center_id, c.code, c.name, p.category, r.title_en, r.title_es, r.language,
                   r.instructor, s.room, s.starts_at, s.ends_at, s.capacity, s.taken, s.waitlisted,
                   s.status = 'cancelled' as cancelled, r.eligibility
            from centers.class_session s
            join centers.class_series r on r.id = s.series_id
            join centers.program p on p.id = r.program_id
            join centers.center c on c.id = s.center_id
            """;

    private final JdbcClient jdbc;

    private final ZoneId zone;

    SessionQueries(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
    }

    /** Calendar filters; null means any. {@code weekday} is 1 (Monday) to 7 (Sunday). */
    public record Filter(
            String center,
            String category,
            String language,
            Integer weekday,
            LocalDate from,
            LocalDate to,
            int limit) {}

    public List<ClassSession> sessions(Filter f) {
        StringBuilder sql = new StringBuilder(SESSION_SELECT).append(" where s.starts_at >= ? and s.starts_at < ?");
        List<Object> params = new ArrayList<>();
        params.add(f.from().atStartOfDay(zone).toOffsetDateTime());
        params.add(f.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime());
        if (f.center() != null) {
            sql.append(" and c.code = ?");
            params.add(f.center());
        }
        if (f.category() != null) {
            sql.append(" and p.category = ?");
            params.add(f.category());
        }
        if (f.language() != null) {
            sql.append(" and r.language = ?");
            params.add(f.language());
        }
        if (f.weekday() != null) {
            sql.append(" and extract(isodow from s.starts_at at time zone ?) = ?");
            params.add(zone.getId());
            params.add(f.weekday());
        }
        sql.append(" order by s.starts_at, c.name, s.id limit ?");
        params.add(f.limit());
        return jdbc.sql(sql.toString())
                .params(params)
                .query(SessionQueries::session)
                .list();
    }

    public Optional<ClassSession> session(long id) {
        return jdbc.sql(SESSION_SELECT + " where s.id = ?")
                .param(id)
                .query(SessionQueries::session)
                .optional();
    }

    public List<ClassSession> seriesSessions(long seriesId) {
        return jdbc.sql(SESSION_SELECT + " where s.series_id = ? order by s.starts_at")
                .param(seriesId)
                .query(SessionQueries::session)
                .list();
    }

    public List<Center> centers() {
        return jdbc.sql("select * from centers.center order by name")
                .query(SessionQueries::center)
                .list();
    }

    public Optional<Center> center(String code) {
        return jdbc.sql("select * from centers.center where code = ?")
                .param(code)
                .query(SessionQueries::center)
                .optional();
    }

    public List<String> languages() {
        return jdbc.sql("select distinct language from centers.class_series order by 1")
                .query(String.class)
                .list();
    }

    public static ClassSession session(ResultSet rs, int n) throws SQLException {
        return new ClassSession(
                rs.getLong(1),
                rs.getLong(2),
                rs.getInt(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                instant(rs, 12),
                instant(rs, 13),
                rs.getInt(14),
                rs.getInt(15),
                rs.getInt(16),
                rs.getBoolean(17),
                rs.getString(18));
    }

    public static Center center(ResultSet rs, int n) throws SQLException {
        return new Center(
                rs.getInt("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("address_line"),
                rs.getString("city"),
                rs.getString("zip"),
                rs.getDouble("latitude"),
                rs.getDouble("longitude"),
                rs.getInt("spa"),
                rs.getString("phone"),
                rs.getString("hours"),
                rs.getString("partners"),
                Arrays.asList((String[]) rs.getArray("rooms").getArray()),
                Arrays.asList((String[]) rs.getArray("services").getArray()));
    }

    public static Instant instant(ResultSet rs, int column) throws SQLException {
        var t = rs.getObject(column, java.time.OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
