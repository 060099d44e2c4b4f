package org.commonweal.insights.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The summary tables: what the pages read (by primary key prefix), and what a refresh replaces, family by family. */
@Repository
public class FigureStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    FigureStore(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /**
     * Replaces all figures of one family, with their masks, in one transaction: readers see the old figures with the
     * old masks or the new ones with the new masks, never a mix.
     */
    @Transactional
    public void replace(InsightsRefresh.Prepared prepared) {
        Family family = prepared.family();
        List<String> measures = Measure.of(family).stream().map(Measure::code).toList();
        // two refreshes of one family (a button and the job) take turns instead of colliding on the primary key
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param("insights:" + family.code())
                .query((rs, n) -> 1)
                .list();
        jdbc.sql("delete from insights.figure where measure in (:measures)")
                .param("measures", measures)
                .update();
        template.batchUpdate("""
                insert into insights.figure (measure, geo_level, area, stratum_kind, stratum_value, period_kind, period,
                                             numerator, denominator, numerator_masked, denominator_masked)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", prepared.figures(), 1000, (ps, f) -> {
            ps.setString(1, f.measure().code());
            ps.setString(2, f.level());
            ps.setInt(3, f.area());
            ps.setString(4, f.stratumKind());
            ps.setString(5, f.stratumValue());
            ps.setString(6, f.periodKind());
            ps.setObject(7, f.period());
            ps.setBigDecimal(8, f.numerator());
            ps.setBigDecimal(9, f.denominator());
            ps.setObject(10, f.numeratorMasked());
            ps.setObject(11, f.denominatorMasked());
        });
        prepared.audits()
                .forEach((measure, a) -> jdbc.sql("""
                insert into insights.mask_audit (measure, counts, small, masked, unaudited, elapsed_ms, decided_at)
                values (?, ?, ?, ?, ?, ?, now())
                on conflict (measure) do update set counts = excluded.counts, small = excluded.small,
                    masked = excluded.masked, unaudited = excluded.unaudited, elapsed_ms = excluded.elapsed_ms,
                    decided_at = excluded.decided_at""")
                        .params(measure.code(), a.counts(), a.small(), a.masked(), a.unaudited(), a.millis())
                        .update());
        jdbc.sql("""
                insert into insights.refresh (family, refreshed_at, as_of, elapsed_ms, figures, trigger)
                values (?, now(), ?, ?, ?, ?)
                on conflict (family) do update set refreshed_at = now(), as_of = excluded.as_of,
                    elapsed_ms = excluded.elapsed_ms, figures = excluded.figures, trigger = excluded.trigger""")
                .params(
                        family.code(),
                        prepared.asOf(),
                        prepared.elapsedMs(),
                        prepared.figures().size(),
                        prepared.trigger())
                .update();
    }

    /** Whether some figure of the measure has no stored masks (stored before masks were stored with figures). */
    public boolean masksMissing(Measure measure) {
        return jdbc.sql("""
                select exists (select 1 from insights.figure where measure = ?
                               and (numerator_masked is null or denominator_masked is null))""").param(measure.code()).query(Boolean.class).single();
    }

    /** What the rule did to each measure at its last refresh, keyed by measure code. */
    public java.util.Map<String, FigureMasks.Audit> maskAudits() {
        java.util.Map<String, FigureMasks.Audit> audits = new java.util.TreeMap<>();
        jdbc.sql("select * from insights.mask_audit").query(rs -> {
            audits.put(
                    rs.getString("measure"),
                    new FigureMasks.Audit(
                            rs.getInt("counts"),
                            rs.getInt("small"),
                            rs.getInt("masked"),
                            rs.getInt("unaudited"),
                            rs.getLong("elapsed_ms")));
        });
        return audits;
    }

    /** The cells of one view: every area of a level (and the county) for one group and period. */
    public List<Figure> cells(
            Measure measure,
            String level,
            String stratumKind,
            String stratumValue,
            String periodKind,
            LocalDate period) {
        return jdbc.sql("""
                select * from insights.figure
                where measure = ? and geo_level in (?, 'county') and period_kind = ? and period = ?
                  and stratum_kind = ? and stratum_value = ?
                order by geo_level = 'county', area""")
                .params(measure.code(), level, periodKind, period, stratumKind, stratumValue)
                .query(FigureStore::figure)
                .list();
    }

    /** Every group of one place in one period (for comparisons and briefs). */
    public List<Figure> area(String level, int area, String periodKind) {
        return jdbc.sql("""
                select f.* from insights.figure f
                where f.geo_level = ? and f.area = ? and f.period_kind = ?
                  and f.period = (select max(g.period) from insights.figure g where g.measure = f.measure
                                  and g.geo_level = f.geo_level and g.period_kind = f.period_kind)
                order by f.measure, f.stratum_kind, f.stratum_value""")
                .params(level, area, periodKind)
                .query(FigureStore::figure)
                .list();
    }

    /** The members figures, for the denominators of the other families. */
    public List<Figure> members() {
        return jdbc.sql("select * from insights.figure where measure = 'members'")
                .query(FigureStore::figure)
                .list();
    }

    /** Every figure of one measure: what its small-cell masks are decided over. */
    public List<Figure> all(Measure measure) {
        return jdbc.sql("select * from insights.figure where measure = ?")
                .param(measure.code())
                .query(FigureStore::figure)
                .list();
    }

    /** Every place and group of one measure in one period (for the gaps). */
    public List<Figure> measure(Measure measure, String level, String periodKind, LocalDate period) {
        return jdbc.sql("""
                select * from insights.figure
                where measure = ? and geo_level in (?, 'county') and period_kind = ? and period = ?""")
                .params(measure.code(), level, periodKind, period)
                .query(FigureStore::figure)
                .list();
    }

    /** One place and one group ({@code all}/'' or a stratum) over time, oldest first. */
    public List<Figure> trend(
            Measure measure, String level, int area, String stratumKind, String stratumValue, String periodKind) {
        return jdbc.sql("""
                select * from insights.figure
                where measure = ? and geo_level = ? and period_kind = ? and stratum_kind = ? and stratum_value = ?
                  and area = ?
                order by period""")
                .params(measure.code(), level, periodKind, stratumKind, stratumValue, area)
                .query(FigureStore::figure)
                .list();
    }

    /** The periods stored for a measure, newest first. */
    public List<LocalDate> periods(Measure measure, String periodKind) {
        return jdbc.sql("""
                select distinct period from insights.figure where measure = ? and geo_level = 'county'
                  and period_kind = ? and stratum_kind = 'all' order by period desc""")
                .params(measure.code(), periodKind)
                .query(LocalDate.class)
                .list();
    }

    /** The groups stored for a measure and kind of split. */
    public List<String> stratumValues(Measure measure, String stratumKind) {
        return jdbc.sql("""
                select distinct stratum_value from insights.figure where measure = ? and geo_level = 'county'
                  and period_kind = 'current' and stratum_kind = ? order by stratum_value""")
                .params(measure.code(), stratumKind)
                .query(String.class)
                .list();
    }

    /** Changes whenever any family is refreshed: what page-side caches of periods and groups are keyed by. */
    public String version() {
        return jdbc.sql("select coalesce(max(refreshed_at)::text, '') || count(*) from insights.refresh")
                .query(String.class)
                .single();
    }

    public record Refresh(
            String family, Instant refreshedAt, LocalDate asOf, long elapsedMs, int figures, String trigger) {}

    public List<Refresh> refreshes() {
        return jdbc.sql("select * from insights.refresh order by family")
                .query((rs, n) -> new Refresh(
                        rs.getString("family"),
                        rs.getTimestamp("refreshed_at").toInstant(),
                        rs.getObject("as_of", LocalDate.class),
                        rs.getLong("elapsed_ms"),
                        rs.getInt("figures"),
                        rs.getString("trigger")))
                .list();
    }

    public Optional<Refresh> refresh(Family family) {
        return refreshes().stream()
                .filter(r -> r.family().equals(family.code()))
                .findFirst();
    }

    /** Notes that a family's source changed; the debounced job refreshes it. Keeps the first request's time. */
    public void requestRefresh(Family family, String trigger) {
        jdbc.sql("""
                insert into insights.pending (family, requested_at, trigger) values (?, now(), ?)
                on conflict (family) do nothing""").params(family.code(), trigger).update();
    }

    /** Takes the requests made before {@code quietSince}: a burst of events waits until it settles. */
    @Transactional
    public List<Family> takePending(Instant quietSince) {
        return jdbc
                .sql("delete from insights.pending where requested_at <= ? returning family")
                .param(Timestamp.from(quietSince))
                .query(String.class)
                .list()
                .stream()
                .map(Family::of)
                .toList();
    }

    public void saveLabel(String kind, String value, String english, String spanish) {
        jdbc.sql("""
                insert into insights.label (stratum_kind, stratum_value, label_en, label_es) values (?, ?, ?, ?)
                on conflict (stratum_kind, stratum_value) do update set label_en = excluded.label_en,
                    label_es = excluded.label_es""").params(kind, value, english, spanish).update();
    }

    /** Stored names keyed kind|value, each as {english, spanish}. */
    public java.util.Map<String, String[]> labels() {
        java.util.Map<String, String[]> labels = new java.util.HashMap<>();
        jdbc.sql("select * from insights.label").query(rs -> {
            labels.put(
                    rs.getString("stratum_kind") + "|" + rs.getString("stratum_value"),
                    new String[] {rs.getString("label_en"), rs.getString("label_es")});
        });
        return labels;
    }

    public void clear() {
        jdbc.sql("delete from insights.figure").update();
        jdbc.sql("delete from insights.refresh").update();
        jdbc.sql("delete from insights.pending").update();
        jdbc.sql("delete from insights.mask_audit").update();
    }

    private static Figure figure(ResultSet rs, int n) throws SQLException {
        return new Figure(
                Measure.of(rs.getString("measure")).orElseThrow(),
                rs.getString("geo_level"),
                rs.getInt("area"),
                rs.getString("stratum_kind"),
                rs.getString("stratum_value"),
                rs.getString("period_kind"),
                rs.getObject("period", LocalDate.class),
                rs.getBigDecimal("numerator"),
                rs.getBigDecimal("denominator"),
                rs.getObject("numerator_masked", Boolean.class),
                rs.getObject("denominator_masked", Boolean.class));
    }
}
