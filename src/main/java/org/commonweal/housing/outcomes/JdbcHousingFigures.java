package org.commonweal.housing.outcomes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.housing.HousingFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcHousingFigures implements HousingFigures {

    /** Each client with the plan's groups; also the project SPA fallback is applied per enrollment below. */
    private static final String PEOPLE = """
            people as (
                select c.id, c.spa,
                       case when 'HispanicLatinaeo' = any (c.race) then 'hispanic'
                            when cardinality(c.race) = 0 then 'unknown'
                            when cardinality(c.race) > 1 then 'other'
                            when c.race[1] = 'White' then 'white'
                            when c.race[1] = 'BlackAfAmerican' then 'black'
                            when c.race[1] = 'Asian' then 'asian'
                            else 'other' end as race,
                       case when cardinality(c.gender) = 0 then 'unknown'
                            when cardinality(c.gender) > 1 then 'other'
                            when c.gender[1] = 'Woman' then 'F'
                            when c.gender[1] = 'Man' then 'M'
                            else 'other' end as sex,
                       case when c.birth_date is null then 'unknown'
                            when c.birth_date > (:asOf::date - interval '18 years') then '0-17'
                            when c.birth_date > (:asOf::date - interval '65 years') then '18-64'
                            else '65+' end as age
                from housing.client c
            )""";

    private static final List<String> STRATA = List.of("race", "sex", "age");

    private final JdbcClient jdbc;

    JdbcHousingFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ClientCount> clientsServed(LocalDate fromMonth, LocalDate asOf) {
        List<String> sets = new ArrayList<>();
        for (String period : List.of("month", "year")) {
            for (String place : List.of("spa, ", "")) {
                sets.add("(" + place + period + ")");
                STRATA.forEach(s -> sets.add("(" + place + period + ", " + s + ")"));
            }
        }
        return jdbc
                .sql("with " + PEOPLE + """
                , served as (
                    select distinct mo.month, date_trunc('year', mo.month)::date as year, p.id,
                           coalesce(p.spa, pr.spa) as spa, p.race, p.sex, p.age
                    from generate_series(:from::date, :asOf::date, interval '1 month') d
                    cross join lateral (select d::date as month) mo
                    join housing.enrollment e
                      on e.entry_date < (mo.month + interval '1 month') and (e.exit_date is null or e.exit_date >= mo.month)
                    join housing.project pr on pr.id = e.project_id
                    join people p on p.id = e.client_id
                )
                select month, year, spa, race, sex, age, grouping(month) as g_month, grouping(spa) as g_spa,
                       grouping(race) as g_race, grouping(sex) as g_sex, grouping(age) as g_age,
                       count(distinct id) as clients
                from served
                group by grouping sets (""" + String.join(", ", sets) + ")")
                .param("from", fromMonth.withDayOfMonth(1))
                .param("asOf", asOf)
                .query((rs, n) -> {
                    boolean monthly = rs.getInt("g_month") == 0;
                    Integer spa = rs.getInt("g_spa") == 0 ? (Integer) rs.getObject("spa") : null;
                    if (rs.getInt("g_spa") == 0 && spa == null) {
                        return null;
                    }
                    String[] stratum = stratum(rs);
                    return new ClientCount(
                            monthly ? "month" : "year",
                            rs.getObject(monthly ? "month" : "year", LocalDate.class),
                            spa,
                            stratum[0],
                            stratum[1],
                            rs.getLong("clients"));
                })
                .list()
                .stream()
                .filter(c -> c != null)
                .toList();
    }

    @Override
    public List<Retention> retention12Months(LocalDate asOf) {
        return jdbc
                .sql("with " + PEOPLE + """
                , housed as (
                    select coalesce(p.spa, pr.spa) as spa, p.race, p.sex, p.age,
                           (e.exit_date is null or e.exit_date >= e.move_in_date + interval '12 months'
                            or coalesce(e.destination / 100 = 4, false)) as retained
                    from housing.enrollment e
                    join housing.project pr on pr.id = e.project_id
                    join people p on p.id = e.client_id
                    where pr.project_type in (3, 9, 10, 13) and e.move_in_date is not null
                      and e.move_in_date + interval '12 months' <= :asOf
                      and not (coalesce(e.destination, 0) = 24
                               and coalesce(e.exit_date < e.move_in_date + interval '12 months', false))
                )
                select spa, race, sex, age, grouping(spa) as g_spa, grouping(race) as g_race, grouping(sex) as g_sex,
                       grouping(age) as g_age, count(*) as due, count(*) filter (where retained) as retained
                from housed
                group by grouping sets ((spa), (spa, race), (spa, sex), (spa, age), (), (race), (sex), (age))
                """)
                .param("asOf", asOf)
                .query((rs, n) -> {
                    Integer spa = rs.getInt("g_spa") == 0 ? (Integer) rs.getObject("spa") : null;
                    if (rs.getInt("g_spa") == 0 && spa == null) {
                        return null;
                    }
                    String[] stratum = stratum(rs);
                    return new Retention(spa, stratum[0], stratum[1], rs.getLong("due"), rs.getLong("retained"));
                })
                .list()
                .stream()
                .filter(c -> c != null)
                .toList();
    }

    private static String[] stratum(ResultSet rs) throws SQLException {
        for (String s : STRATA) {
            if (rs.getInt("g_" + s) == 0) {
                return new String[] {s, rs.getString(s)};
            }
        }
        return new String[] {"all", ""};
    }
}
