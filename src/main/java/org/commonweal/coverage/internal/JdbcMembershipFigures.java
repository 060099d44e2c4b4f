package org.commonweal.coverage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.commonweal.coverage.MembershipFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One scan of the covered members with GROUPING SETS: every place × every split in a single pass. */
@Component
class JdbcMembershipFigures implements MembershipFigures {

    private static final String ACTIVE = """
            with active as (
                select distinct on (s.member_id) s.member_id, s.product_line
                from coverage.enrollment_span s
                where s.begin_date <= :date and (s.end_date is null or s.end_date >= :date) and s.status <> 'suspended'
                order by s.member_id, s.begin_date desc
            ), people as (
                select m.spa, m.rcac_region, a.product_line,
                       coalesce(nullif(m.spoken_language, ''), 'unknown') as language,
                       coalesce(nullif(m.race_ethnicity, ''), 'unknown') as race,
                       case when m.birth_date is null then 'unknown'
                            when m.birth_date > (:date::date - interval '18 years') then '0-17'
                            when m.birth_date > (:date::date - interval '65 years') then '18-64'
                            else '65+' end as age,
                       coalesce(nullif(m.sex, ''), 'unknown') as sex
                from active a join coverage.member m on m.member_id = a.member_id
            )
            select spa, rcac_region, product_line, language, race, age, sex,
                   grouping(spa) as g_spa, grouping(rcac_region) as g_region,
                   grouping(product_line) as g_line, grouping(language) as g_language, grouping(race) as g_race,
                   grouping(age) as g_age, grouping(sex) as g_sex, count(*) as members
            from people
            group by grouping sets (
                (spa), (spa, product_line), (spa, language), (spa, race), (spa, age), (spa, sex),
                (rcac_region), (rcac_region, product_line), (rcac_region, language), (rcac_region, race),
                (rcac_region, age), (rcac_region, sex),
                (), (product_line), (language), (race), (age), (sex))
            """;

    private final JdbcClient jdbc;

    JdbcMembershipFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Count> activeMembers(LocalDate date) {
        return jdbc.sql(ACTIVE).param("date", date).query((rs, n) -> count(rs)).list().stream()
                // a member without a SPA or region falls into a null group of the place split: keep it county-wide only
                .filter(c -> c != null)
                .toList();
    }

    private static Count count(ResultSet rs) throws SQLException {
        boolean bySpa = rs.getInt("g_spa") == 0;
        boolean byRegion = rs.getInt("g_region") == 0;
        Integer spa = bySpa ? (Integer) rs.getObject("spa") : null;
        Integer region = byRegion ? (Integer) rs.getObject("rcac_region") : null;
        if ((bySpa && spa == null) || (byRegion && region == null)) {
            return null;
        }
        String kind = "all";
        String value = "";
        for (String k : List.of("product_line", "language", "race", "age", "sex")) {
            String column = k.equals("product_line") ? "g_line" : "g_" + k;
            if (rs.getInt(column) == 0) {
                kind = k;
                value = rs.getString(k);
            }
        }
        return new Count(spa, region, kind, value, rs.getLong("members"));
    }

    @Override
    public List<MonthCount> monthlyMembers(LocalDate fromMonth, LocalDate toMonth) {
        return jdbc.sql("""
                with months as (
                    select d::date as month from generate_series(:from::date, :to::date, interval '1 month') d
                ), active as (
                    select distinct mo.month, s.member_id
                    from months mo join coverage.enrollment_span s
                      on s.begin_date <= mo.month and (s.end_date is null or s.end_date >= mo.month)
                     and s.status <> 'suspended'
                )
                select a.month, m.spa, m.rcac_region, grouping(m.spa) as g_spa, grouping(m.rcac_region) as g_region,
                       count(*) as members
                from active a join coverage.member m on m.member_id = a.member_id
                group by grouping sets ((a.month, m.spa), (a.month, m.rcac_region), (a.month))
                """).param("from", fromMonth.withDayOfMonth(1)).param("to", toMonth.withDayOfMonth(1))
                .query((rs, n) -> {
                    Integer spa = rs.getInt("g_spa") == 0 ? (Integer) rs.getObject("spa") : null;
                    Integer region = rs.getInt("g_region") == 0 ? (Integer) rs.getObject("rcac_region") : null;
                    if ((rs.getInt("g_spa") == 0 && spa == null) || (rs.getInt("g_region") == 0 && region == null)) {
                        return null;
                    }
                    return new MonthCount(rs.getObject("month", LocalDate.class), spa, region, rs.getLong("members"));
                }).list().stream().filter(c -> c != null).toList();
    }
}
