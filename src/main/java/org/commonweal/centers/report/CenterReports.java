package org.commonweal.centers.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Aggregates for the centers' reports: visits by a chosen dimension and plan affiliation, and class attendance (fill
 * rate, waitlist, no-shows). Only counts leave here; small cells are suppressed by {@link Suppression} for viewers
 * outside the care team.
 */
@Component
public class CenterReports {

    /** The dimensions a visit count can be broken down by, with their SQL expression. */
    public static final Map<String, String> DIMENSIONS = Map.of(
            "center", "c.name",
            "service", "v.service",
            "month", "to_char(v.visited_at at time zone '{zone}', 'YYYY-MM')",
            "language", "v.language",
            "spa", "coalesce(v.spa::text, '?')");

    private final JdbcClient jdbc;

    private final ZoneId zone;

    CenterReports(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jdbc = jdbc;
    }

    public record Filter(LocalDate from, LocalDate to, String center) {}

    /** One row: the group and the visit counts of L.A. Care members, Blue Shield Promise members and the community. */
    public record VisitRow(String group, long lacare, long bsp, long community) {
        public long total() {
            return lacare + bsp + community;
        }
    }

    public List<VisitRow> visits(String by, Filter f) {
        // the plan's zone; a ZoneId's id has no quote, so it is safe to write into the statement
        String dimension = DIMENSIONS.containsKey(by) ? DIMENSIONS.get(by).replace("{zone}", zone.getId()) : null;
        if (dimension == null) {
            throw new IllegalArgumentException("by must be one of " + DIMENSIONS.keySet());
        }
        List<Object> params = new ArrayList<>(List.of(start(f.from()), start(f.to().plusDays(1))));
        String centerClause = "";
        if (f.center() != null) {
            centerClause = " and c.code = ?";
            params.add(f.center());
        }
        return jdbc.sql("select " + dimension + " as grp, count(*) filter (where v.plan = 'lacare'), "
                        + "count(*) filter (where v.plan = 'bsp'), count(*) filter (where v.plan = 'community') "
                        + "from centers.visit v join centers.center c on c.id = v.center_id "
                        + "where v.visited_at >= ? and v.visited_at < ?" + centerClause + " group by 1 order by 1")
                .params(params)
                .query((rs, n) -> new VisitRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Attendance of sessions that have started, per center and program category. */
    public record AttendanceRow(
            String center,
            String category,
            long sessions,
            long capacity,
            long seated,
            long attended,
            long noShow,
            long waitlisted) {

        public Double fillRate() {
            return capacity == 0 ? null : (double) seated / capacity;
        }

        public Double noShowRate() {
            return attended + noShow == 0 ? null : (double) noShow / (attended + noShow);
        }
    }

    public List<AttendanceRow> attendance(Filter f) {
        List<Object> params = new ArrayList<>(List.of(start(f.from()), start(f.to().plusDays(1))));
        String centerClause = "";
        if (f.center() != null) {
            centerClause = " and c.code = ?";
            params.add(f.center());
        }
        return jdbc.sql("""
                select c.name, p.category, count(*), sum(s.capacity), sum(s.taken),
                       sum(r.attended), sum(r.no_show), sum(r.waitlisted)
                from centers.class_session s
                join centers.center c on c.id = s.center_id
                join centers.class_series x on x.id = s.series_id
                join centers.program p on p.id = x.program_id
                left join lateral (select count(*) filter (where g.status = 'attended') attended,
                                          count(*) filter (where g.status = 'no-show') no_show,
                                          count(*) filter (where g.status in ('waitlisted', 'offered')) waitlisted
                                   from centers.registration g where g.session_id = s.id) r on true
                where s.status = 'scheduled' and s.starts_at >= ? and s.starts_at < ? and s.starts_at < now()""" + centerClause + " group by 1, 2 order by 1, 2")
                .params(params)
                .query((rs, n) -> new AttendanceRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8)))
                .list();
    }

    private java.time.OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
