package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A run's rates as they may be shown or exported: eligible, met and rate per value of one grouping (a stratifier of
 * the member, or the product line, PCP, clinic or medical group the result is attributed to), through the platform's
 * cell suppression, with the measure's performance
 * levels and, for each rate shown, how many members it is from each level; and the run's monthly trend. Every figure
 * of a run goes through one publication ({@link #figures}), so what one table or export masks no other gives back.
 */
@Service
public class RateTables {

    /** Every grouping a run's rates can be shown by, in the order the pages offer them. */
    public static final List<String> GROUPINGS = List.of(
            "product_line",
            "race_ethnicity",
            "language",
            "age_band",
            "sex",
            "spa",
            "rcac_region",
            "pcp",
            "clinic",
            "medical_group",
            "attribution");

    /** The groupings by a provider a result is attributed to, whose rows say how their members were attributed. */
    public static final List<String> BY_PROVIDER = List.of("pcp", "clinic", "medical_group");

    private final JdbcClient jdbc;
    private final MeasureRuns runs;
    private final PerformanceLevels levels;
    private final MonthlyTrends trends;

    RateTables(JdbcClient jdbc, MeasureRuns runs, PerformanceLevels levels, MonthlyTrends trends) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.levels = levels;
        this.trends = trends;
    }

    /**
     * One group's figures as shown: counts as text or the mask, the rate in percent and the members to each level
     * (null when not shown: a masked count, or no level loaded for the measure and year).
     */
    public record RateRow(
            String group,
            String eligible,
            String met,
            Double rate,
            Long toMinimum,
            Long toHigh,
            List<String> attributedBy) {

        /** The total row. */
        public boolean total() {
            return group.equals("total");
        }

        /** Whether any figure of the row is masked. */
        public boolean suppressed() {
            return CellSuppression.MASK.equals(eligible) || CellSuppression.MASK.equals(met);
        }
    }

    /** A run's table by one grouping. */
    public record RateTable(
            MeasureRuns.RunRow run, String by, Optional<PerformanceLevels.Level> level, List<RateRow> rows) {}

    public Optional<RateTable> table(long runId, String by) {
        return runs.find(runId).map(run -> table(run, by));
    }

    /**
     * A run's tables by several groupings, masked by the run's one publication (the cells the pages and the CSV show),
     * computed once; empty for a run that is not found or not finished.
     */
    public Optional<List<RateTable>> tables(long runId, List<String> by) {
        return runs.find(runId).map(run -> {
            var figures = figures(run);
            return by.stream().map(b -> table(run, b, figures)).toList();
        });
    }

    /** A month end as shown: counts as text or the mask, the rate in percent or null. */
    public record TrendMonth(LocalDate monthEnd, String eligible, String met, Double rate) {

        public boolean suppressed() {
            return CellSuppression.MASK.equals(eligible) || CellSuppression.MASK.equals(met);
        }
    }

    /** A run's rate as of each month end. */
    public record Trend(MeasureRuns.RunRow run, List<TrendMonth> months) {}

    public Optional<Trend> trend(long runId) {
        return runs.find(runId).map(run -> {
            var figures = figures(run);
            var months = new ArrayList<TrendMonth>();
            for (var m : figures.months()) {
                var e = figures.monthKey(m, "eligible");
                var n = figures.monthKey(m, "met");
                months.add(new TrendMonth(
                        m.monthEnd(),
                        figures.masking().count(e),
                        figures.masking().count(n),
                        figures.masking().shows(e, n) && m.eligible() > 0 ? 100.0 * m.met() / m.eligible() : null));
            }
            return new Trend(run, months);
        });
    }

    RateTable table(MeasureRuns.RunRow run, String by) {
        return table(run, by, figures(run));
    }

    private RateTable table(MeasureRuns.RunRow run, String by, Figures figures) {
        if (!GROUPINGS.contains(by)) throw new IllegalArgumentException("unknown grouping " + by);
        var level = levels.find(run.measureId(), run.periodEnd().getYear());
        var shown = figures.masking();
        var methods = BY_PROVIDER.contains(by) ? attributedBy(run.id(), by) : Map.<String, List<String>>of();
        var rows = new ArrayList<RateRow>();
        for (var s : figures.strata().get(by)) {
            rows.add(row(
                    s,
                    key(by, s.value(), "eligible"),
                    key(by, s.value(), "met"),
                    shown,
                    level,
                    methods.getOrDefault(s.value(), List.of())));
        }
        rows.add(row(
                new MeasureRuns.Stratum("total", figures.eligible(), figures.met()),
                "eligible",
                "met",
                shown,
                level,
                List.of()));
        return new RateTable(run, by, level, rows);
    }

    private static RateRow row(
            MeasureRuns.Stratum s,
            String e,
            String m,
            CellSuppression.Masking shown,
            Optional<PerformanceLevels.Level> level,
            List<String> attributedBy) {
        Double rate = shown.shows(e, m) && s.eligible() > 0 ? 100.0 * s.met() / s.eligible() : null;
        Long toMinimum = null, toHigh = null;
        if (rate != null && level.isPresent()) {
            toMinimum = level.get().membersTo(level.get().minimum(), s.eligible(), s.met());
            toHigh = level.get().membersTo(level.get().high(), s.eligible(), s.met());
        }
        return new RateRow(s.value(), shown.count(e), shown.count(m), rate, toMinimum, toHigh, attributedBy);
    }

    /** Everything a run publishes in its pages and exports, and how it is masked. */
    record Figures(
            long eligible,
            long met,
            Map<String, List<MeasureRuns.Stratum>> strata,
            List<MonthlyTrends.Month> months,
            CellSuppression.Masking masking) {

        String monthKey(MonthlyTrends.Month m, String what) {
            return "month|" + m.monthEnd() + "|" + what;
        }
    }

    private static String key(String grouping, String value, String what) {
        return grouping + "|" + value + "|" + what;
    }

    /**
     * One publication for the whole run, so that every table (by any grouping), the monthly trend and their exports
     * are masked together: each grouping's eligible and met add up to the run's totals, each group's and month's
     * eligible are its met and not met, and each month's eligible are (at most) the run's eligible.
     */
    Figures figures(MeasureRuns.RunRow run) {
        var p = new Publication();
        var all = new LinkedHashMap<String, List<MeasureRuns.Stratum>>();
        long eligible = 0, met = 0;
        for (var by : GROUPINGS) all.put(by, strata(run.id(), by));
        for (var s : all.get(GROUPINGS.getFirst())) {
            eligible += s.eligible();
            met += s.met();
        }
        p.count("eligible", eligible)
                .count("met", met)
                .unpublished("not-met", eligible - met)
                .sum("eligible", List.of("met", "not-met"));
        for (var entry : all.entrySet()) {
            var by = entry.getKey();
            var eligibleParts = new ArrayList<String>();
            var metParts = new ArrayList<String>();
            for (var s : entry.getValue()) {
                var e = key(by, s.value(), "eligible");
                var m = key(by, s.value(), "met");
                var n = key(by, s.value(), "not-met");
                p.count(e, s.eligible())
                        .count(m, s.met())
                        .unpublished(n, s.eligible() - s.met())
                        .sum(e, List.of(m, n));
                eligibleParts.add(e);
                metParts.add(m);
            }
            p.sum("eligible", eligibleParts).sum("met", metParts);
        }
        var months = trends.months(run.id());
        for (var month : months) {
            var e = "month|" + month.monthEnd() + "|eligible";
            var m = "month|" + month.monthEnd() + "|met";
            var n = "month|" + month.monthEnd() + "|not-met";
            p.count(e, month.eligible())
                    .count(m, month.met())
                    .unpublished(n, month.eligible() - month.met())
                    .sum(e, List.of(m, n))
                    .relate("eligible", List.of(e));
            if (month.monthEnd().equals(run.periodEnd())) p.relate("met", List.of(m));
        }
        return new Figures(eligible, met, all, months, CellSuppression.protect(p));
    }

    /** Eligible (denominator less exclusions and exceptions) and met counts per value of the grouping. */
    public List<MeasureRuns.Stratum> strata(long runId, String by) {
        return jdbc.sql("select coalesce(" + column(by) + ", 'unknown') as v, "
                        + "count(*) filter (where denominator and not denominator_exclusion and not denominator_exception), "
                        + "count(*) filter (where numerator and not denominator_exclusion and not denominator_exception) "
                        + "from quality.measure_result where run_id = ? group by 1 order by 1")
                .param(runId)
                .query((rs, n) -> new MeasureRuns.Stratum(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /**
     * How the results of each group were attributed ({@code assigned-pcp}, {@code claims-plurality}; none for the
     * unknown group): the methods only, never a count, so nothing here goes around the suppression.
     */
    private Map<String, List<String>> attributedBy(long runId, String by) {
        var methods = new LinkedHashMap<String, List<String>>();
        jdbc.sql("select coalesce(" + column(by) + ", 'unknown'), array_agg(distinct attribution order by attribution)"
                        + " filter (where attribution is not null) from quality.measure_result where run_id = ?"
                        + " group by 1")
                .param(runId)
                .query(rs -> {
                    var array = rs.getArray(2);
                    methods.put(rs.getString(1), array == null ? List.of() : List.of((String[]) array.getArray()));
                });
        return methods;
    }

    private static String column(String by) {
        return switch (by) {
            case "sex",
                    "age_band",
                    "race_ethnicity",
                    "language",
                    "product_line",
                    "clinic",
                    "medical_group",
                    "attribution" -> by;
            case "spa", "rcac_region" -> by + "::text";
            case "pcp" ->
                "case when pcp_npi is null then null else coalesce(pcp_name || ' ', '') || '(NPI ' || pcp_npi"
                        + " || ')' end";
            default -> throw new IllegalArgumentException("unknown grouping " + by);
        };
    }
}
