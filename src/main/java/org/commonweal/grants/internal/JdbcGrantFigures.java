package org.commonweal.grants.internal;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.grants.GrantFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcGrantFigures implements GrantFigures {

    private final JdbcClient jdbc;

    JdbcGrantFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthlyAwards> monthlyAwards(LocalDate fromMonth) {
        return jdbc.sql("""
                select date_trunc('month', a.awarded_on)::date as month, o.ein, nullif(o.zip, '') as zip, o.spa,
                       count(*) as awards, sum(a.amount) as amount
                from grants.award a join grants.organization o on o.id = a.organization_id
                where a.awarded_on >= :from
                group by 1, 2, 3, 4
                """)
                .param("from", fromMonth.withDayOfMonth(1))
                .query((rs, n) -> new MonthlyAwards(
                        rs.getObject("month", LocalDate.class),
                        rs.getString("ein"),
                        rs.getString("zip"),
                        (Integer) rs.getObject("spa"),
                        rs.getLong("awards"),
                        rs.getBigDecimal("amount")))
                .list();
    }
}
