package org.commonweal.centers.report;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.centers.CenterFigures;
import org.commonweal.platform.PlanIdentity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcCenterFigures implements CenterFigures {

    private final JdbcClient jdbc;

    /** The plan's time zone id: visits and sessions count in the month of their day there. */
    private final String zone;

    JdbcCenterFigures(JdbcClient jdbc, PlanIdentity plan) {
        this.zone = plan.timeZone().getId();
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthlyUse> monthlyUse(LocalDate fromMonth) {
        return jdbc.sql("""
                select u.month, u.kind, c.code, c.zip, c.spa, u.language, sum(u.n) as n
                from (
                    select date_trunc('month', v.visited_at at time zone cast(:zone as text))::date as month,
                           'visit' as kind, v.center_id, coalesce(nullif(v.language, ''), 'unknown') as language,
                           count(*) as n
                    from centers.visit v
                    where v.visited_at >= (:from::date)::timestamp at time zone cast(:zone as text)
                    group by 1, 2, 3, 4
                    union all
                    select date_trunc('month', s.starts_at at time zone cast(:zone as text))::date, 'attendance',
                           s.center_id, coalesce(nullif(p.language, ''), 'unknown'), count(*)
                    from centers.registration r
                    join centers.class_session s on s.id = r.session_id
                    join centers.participant p on p.id = r.participant_id
                    where r.status = 'attended'
                      and s.starts_at >= (:from::date)::timestamp at time zone cast(:zone as text)
                    group by 1, 2, 3, 4
                ) u join centers.center c on c.id = u.center_id
                group by u.month, u.kind, c.code, c.zip, c.spa, u.language
                """)
                .param("from", fromMonth.withDayOfMonth(1))
                .param("zone", zone)
                .query((rs, n) -> new MonthlyUse(
                        rs.getObject("month", LocalDate.class),
                        rs.getString("kind"),
                        rs.getString("code"),
                        rs.getString("zip"),
                        rs.getInt("spa"),
                        rs.getString("language"),
                        rs.getLong("n")))
                .list();
    }
}
