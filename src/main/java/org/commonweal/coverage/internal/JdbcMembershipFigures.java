package org.commonweal.coverage.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * Without a member × month scan: each member's spans are merged into covered intervals (gaps and islands), each
     * interval adds one at the first month start it covers and takes one away at the first it no longer covers, and a
     * running sum over the months gives the members on each first day. Deltas before the window start open it.
     */
    @Override
    public List<MonthCount> monthlyMembers(LocalDate fromMonth, LocalDate toMonth) {
        LocalDate from = fromMonth.withDayOfMonth(1);
        LocalDate to = toMonth.withDayOfMonth(1);
        Map<String, TreeMap<LocalDate, Long>> deltas = new HashMap<>();
        jdbc.sql("""
                with s as (
                    select member_id, begin_date as b, coalesce(end_date, 'infinity'::date) as e
                    from coverage.enrollment_span where status <> 'suspended' and begin_date <= :to
                ), ordered as (
                    select s.*, max(e) over (partition by member_id order by b
                                             rows between unbounded preceding and 1 preceding) as reach
                    from s
                ), islands as (
                    select member_id, b, e,
                           count(*) filter (where reach is null or b > reach + 1)
                               over (partition by member_id order by b) as island
                    from ordered
                ), merged as (
                    select member_id, min(b) as b, max(e) as e from islands group by member_id, island
                ), deltas as (
                    select member_id, greatest((date_trunc('month', b - 1) + interval '1 month')::date, :from) as month,
                           1 as delta
                    from merged
                    union all
                    select member_id, greatest((date_trunc('month', e) + interval '1 month')::date, :from), -1
                    from merged where e <> 'infinity'::date
                )
                select d.month, m.spa, m.rcac_region, grouping(m.spa) as g_spa, grouping(m.rcac_region) as g_region,
                       sum(d.delta) as delta
                from deltas d join coverage.member m on m.member_id = d.member_id
                where d.month <= :to
                group by grouping sets ((d.month, m.spa), (d.month, m.rcac_region), (d.month))
                """).param("from", from).param("to", to).query(rs -> {
            Integer spa = rs.getInt("g_spa") == 0 ? (Integer) rs.getObject("spa") : null;
            Integer region = rs.getInt("g_region") == 0 ? (Integer) rs.getObject("rcac_region") : null;
            if ((rs.getInt("g_spa") == 0 && spa == null) || (rs.getInt("g_region") == 0 && region == null)) {
                return;
            }
            deltas.computeIfAbsent(spa + "|" + region, k -> new TreeMap<>())
                    .merge(rs.getObject("month", LocalDate.class), rs.getLong("delta"), Long::sum);
        });
        List<MonthCount> counts = new ArrayList<>();
        deltas.forEach((place, byMonth) -> {
            String[] p = place.split("\\|");
            Integer spa = p[0].equals("null") ? null : Integer.valueOf(p[0]);
            Integer region = p[1].equals("null") ? null : Integer.valueOf(p[1]);
            long running = 0;
            for (LocalDate month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                running += byMonth.getOrDefault(month, 0L);
                counts.add(new MonthCount(month, spa, region, running));
            }
        });
        return counts;
    }
}
