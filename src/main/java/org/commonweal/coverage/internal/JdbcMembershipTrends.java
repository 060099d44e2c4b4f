package org.commonweal.coverage.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonweal.coverage.MembershipTrends;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Monthly members by group without a member × month scan. Each member's spans are cut into disjoint pieces at every
 * span start and end (a piece carries the product line of the newest span covering it; pieces no span covers are dropped) and at the 18th and 65th
 * birthdays (a piece carries its age band). A piece adds one at the first month start it covers and takes one away at
 * the first it no longer covers; the deltas are summed per month × place × every group column first (a few thousand
 * rows), GROUPING SETS split that small set one way at a time, and a running sum over the months gives the members on
 * each first day. Deltas before the window start open it.
 */
@Component
class JdbcMembershipTrends implements MembershipTrends {

    private static final List<String> KINDS = List.of("product_line", "language", "race", "age", "sex");

    private final JdbcClient jdbc;

    JdbcMembershipTrends(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MonthCount> monthlyMembersByGroup(LocalDate fromMonth, LocalDate toMonth) {
        LocalDate from = fromMonth.withDayOfMonth(1);
        LocalDate to = toMonth.withDayOfMonth(1);
        Map<String, TreeMap<LocalDate, Long>> deltas = new HashMap<>();
        jdbc.sql("""
                with s as (
                    select member_id, product_line, begin_date as b, coalesce(end_date, 'infinity'::date) as e
                    from coverage.enrollment_span where status <> 'suspended' and begin_date <= :to
                ), cuts as (
                    select member_id, b as x from s
                    union
                    select member_id, e + 1 from s where e < :to
                ), segments as (
                    select member_id, x as b,
                           coalesce(lead(x) over (partition by member_id order by x) - 1, 'infinity'::date) as e
                    from cuts
                ), pieces as (
                    select distinct on (g.member_id, g.b) g.member_id, g.b, g.e, s.product_line
                    from segments g join s on s.member_id = g.member_id and s.b <= g.b and s.e >= g.b
                    order by g.member_id, g.b, s.b desc
                ), aged as (
                    select p.member_id, p.product_line, greatest(p.b, band.lo) as b, least(p.e, band.hi) as e,
                           band.age, m.spa, m.rcac_region,
                           coalesce(nullif(m.spoken_language, ''), 'unknown') as language,
                           coalesce(nullif(m.race_ethnicity, ''), 'unknown') as race,
                           coalesce(nullif(m.sex, ''), 'unknown') as sex
                    from pieces p join coverage.member m on m.member_id = p.member_id
                    cross join lateral (values
                        ('0-17', '-infinity'::date, (m.birth_date + interval '18 years')::date - 1),
                        ('18-64', (m.birth_date + interval '18 years')::date,
                                  (m.birth_date + interval '65 years')::date - 1),
                        ('65+', (m.birth_date + interval '65 years')::date, 'infinity'::date)) as band(age, lo, hi)
                    where m.birth_date is not null
                      and greatest(p.b, band.lo) <= least(p.e, band.hi)
                    union all
                    select p.member_id, p.product_line, p.b, p.e, 'unknown', m.spa, m.rcac_region,
                           coalesce(nullif(m.spoken_language, ''), 'unknown'),
                           coalesce(nullif(m.race_ethnicity, ''), 'unknown'), coalesce(nullif(m.sex, ''), 'unknown')
                    from pieces p join coverage.member m on m.member_id = p.member_id
                    where m.birth_date is null
                ), deltas as (
                    select greatest((date_trunc('month', b - 1) + interval '1 month')::date, :from) as month,
                           spa, rcac_region, product_line, language, race, age, sex, 1 as delta
                    from aged
                    union all
                    select greatest((date_trunc('month', e) + interval '1 month')::date, :from),
                           spa, rcac_region, product_line, language, race, age, sex, -1
                    from aged where e <> 'infinity'::date
                ), summed as (
                    select month, spa, rcac_region, product_line, language, race, age, sex, sum(delta) as delta
                    from deltas where month <= :to
                    group by month, spa, rcac_region, product_line, language, race, age, sex
                )
                select month, spa, rcac_region, product_line, language, race, age, sex,
                       grouping(spa) as g_spa, grouping(rcac_region) as g_region, grouping(product_line) as g_product_line,
                       grouping(language) as g_language, grouping(race) as g_race, grouping(age) as g_age,
                       grouping(sex) as g_sex, sum(delta) as delta
                from summed
                group by grouping sets (
                    (month, spa), (month, spa, product_line), (month, spa, language), (month, spa, race),
                    (month, spa, age), (month, spa, sex),
                    (month, rcac_region), (month, rcac_region, product_line), (month, rcac_region, language),
                    (month, rcac_region, race), (month, rcac_region, age), (month, rcac_region, sex),
                    (month), (month, product_line), (month, language), (month, race), (month, age), (month, sex))
                """).param("from", from).param("to", to).query(rs -> {
            boolean bySpa = rs.getInt("g_spa") == 0;
            boolean byRegion = rs.getInt("g_region") == 0;
            Integer spa = bySpa ? (Integer) rs.getObject("spa") : null;
            Integer region = byRegion ? (Integer) rs.getObject("rcac_region") : null;
            if ((bySpa && spa == null) || (byRegion && region == null)) {
                return; // a member without a SPA or region is counted county-wide only
            }
            String kind = "all";
            String value = "";
            for (String k : KINDS) {
                if (rs.getInt("g_" + k) == 0) {
                    kind = k;
                    value = rs.getString(k);
                }
            }
            deltas.computeIfAbsent(spa + "|" + region + "|" + kind + "|" + value, k -> new TreeMap<>())
                    .merge(rs.getObject("month", LocalDate.class), rs.getLong("delta"), Long::sum);
        });
        List<MonthCount> counts = new ArrayList<>();
        deltas.forEach((key, byMonth) -> {
            String[] p = key.split("\\|", -1);
            Integer spa = p[0].equals("null") ? null : Integer.valueOf(p[0]);
            Integer region = p[1].equals("null") ? null : Integer.valueOf(p[1]);
            long running = 0;
            for (LocalDate month = from; !month.isAfter(to); month = month.plusMonths(1)) {
                running += byMonth.getOrDefault(month, 0L);
                counts.add(new MonthCount(month, spa, region, p[2], p[3], running));
            }
        });
        return counts;
    }
}
