package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.quality.QualityFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** {@link QualityFigures} from the latest finished run of each measure: one GROUPING SETS query. */
@Component
class JdbcQualityFigures implements QualityFigures {

    private final JdbcClient jdbc;

    JdbcQualityFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<RateCell> latestRates() {
        return jdbc
                .sql("""
                with latest as (
                  select distinct on (measure_id) id, measure_id, period_end from quality.measure_run
                  where finished_at is not null order by measure_id, id desc)
                select l.measure_id, l.period_end, r.spa, r.rcac_region, grouping(r.spa), grouping(r.rcac_region),
                  count(*) filter (where r.denominator and not r.denominator_exclusion and not r.denominator_exception),
                  count(*) filter (where r.numerator and not r.denominator_exclusion and not r.denominator_exception)
                from latest l join quality.measure_result r on r.run_id = l.id
                group by grouping sets ((l.measure_id, l.period_end), (l.measure_id, l.period_end, r.spa),
                  (l.measure_id, l.period_end, r.rcac_region))
                order by 1, 3, 4""")
                .query((rs, n) -> {
                    boolean bySpa = rs.getInt(5) == 0;
                    boolean byRegion = rs.getInt(6) == 0;
                    Integer spa = bySpa ? (Integer) rs.getObject(3) : null;
                    Integer region = byRegion ? (Integer) rs.getObject(4) : null;
                    if ((bySpa && spa == null) || (byRegion && region == null)) return null; // no place known
                    return new RateCell(
                            rs.getString(1),
                            rs.getString(1),
                            rs.getObject(2, LocalDate.class),
                            spa,
                            region,
                            rs.getLong(7),
                            rs.getLong(8));
                })
                .list()
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }
}
