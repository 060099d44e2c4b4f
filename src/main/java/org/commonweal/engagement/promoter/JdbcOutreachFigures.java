package org.commonweal.engagement.promoter;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.engagement.OutreachFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcOutreachFigures implements OutreachFigures {

    private final JdbcClient jdbc;

    JdbcOutreachFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthlyOutreach> monthlyOutreach(LocalDate fromMonth) {
        return jdbc.sql("""
                select date_trunc('month', e.held_on)::date as month, nullif(e.zip, '') as zip,
                       coalesce(e.spa, p.spa) as spa, coalesce(nullif(e.language, ''), 'unknown') as language,
                       count(*) as events, sum(e.attendees_members + e.attendees_nonmembers) as reach,
                       sum(e.age_0_17) as a0, sum(e.age_18_64) as a18, sum(e.age_65_plus) as a65
                from engagement.outreach_event e join engagement.promoter p on p.id = e.promoter_id
                where e.held_on >= :from
                group by 1, 2, 3, 4
                """)
                .param("from", fromMonth.withDayOfMonth(1))
                .query((rs, n) -> new MonthlyOutreach(
                        rs.getObject("month", LocalDate.class),
                        rs.getString("zip"),
                        rs.getInt("spa"),
                        rs.getString("language"),
                        rs.getLong("events"),
                        rs.getLong("reach"),
                        rs.getLong("a0"),
                        rs.getLong("a18"),
                        rs.getLong("a65")))
                .list();
    }
}
