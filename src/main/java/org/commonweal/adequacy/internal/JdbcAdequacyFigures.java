package org.commonweal.adequacy.internal;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.adequacy.AdequacyFigures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcAdequacyFigures implements AdequacyFigures {

    private final JdbcClient jdbc;

    JdbcAdequacyFigures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static final String BY_PLACE = """
            select l.id, l.measured_on, r.spa, r.rcac_region, grouping(r.spa) as g_spa,
                   grouping(r.rcac_region) as g_region, r.provider_type, coalesce(t.name_en, r.provider_type) as name,
                   coalesce(t.name_es, t.name_en, r.provider_type) as name_es,
                   sum(r.members) as members, sum(r.met) as met
            from chosen l join adequacy.run_zip_result r on r.run_id = l.id
            left join adequacy.provider_type t on t.code = r.provider_type
            group by grouping sets ((l.id, l.measured_on, r.provider_type, t.name_en, t.name_es, r.spa),
                                    (l.id, l.measured_on, r.provider_type, t.name_en, t.name_es, r.rcac_region),
                                    (l.id, l.measured_on, r.provider_type, t.name_en, t.name_es))
            """;

    @Override
    public List<TypeResult> latestRun() {
        return jdbc.sql("with chosen as (select id, measured_on from adequacy.run order by finished_at desc, id desc"
                        + " limit 1) " + BY_PLACE)
                .query((rs, n) -> result(rs))
                .list();
    }

    @Override
    public List<TypeResult> run(long runId) {
        return jdbc.sql("with chosen as (select id, measured_on from adequacy.run where id = :id) " + BY_PLACE)
                .param("id", runId)
                .query((rs, n) -> result(rs))
                .list();
    }

    private static TypeResult result(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new TypeResult(
                rs.getLong("id"),
                rs.getObject("measured_on", LocalDate.class),
                rs.getInt("g_spa") == 0 ? rs.getInt("spa") : null,
                rs.getInt("g_region") == 0 ? rs.getInt("rcac_region") : null,
                rs.getString("provider_type"),
                rs.getString("name"),
                rs.getString("name_es"),
                rs.getLong("members"),
                rs.getLong("met"));
    }
}
