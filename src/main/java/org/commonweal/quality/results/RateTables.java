package org.commonweal.quality.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.commonweal.platform.CellSuppression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A run's rates as they may be shown or exported: eligible, met and rate per value of one grouping (a stratifier of
 * the member, or the product line, PCP, clinic or medical group the result is attributed to), through
 * {@link SuppressedStrata} (the platform's cell suppression over the whole table), with the measure's performance
 * levels and, for each rate shown, how many members it is from each level.
 */
@Service
public class RateTables {

    /** Every grouping a run's rates can be shown by, in the order the pages offer them. */
    public static final List<String> GROUPINGS = List.of("product_line", "race_ethnicity", "language", "age_band",
            "sex", "spa", "rcac_region", "pcp", "clinic", "medical_group");

    private final JdbcClient jdbc;
    private final MeasureRuns runs;
    private final PerformanceLevels levels;

    RateTables(JdbcClient jdbc, MeasureRuns runs, PerformanceLevels levels) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.levels = levels;
    }

    /**
     * One group's figures as shown: counts as text or the mask, the rate in percent and the members to each level
     * (null when not shown: a masked count, or no level loaded for the measure and year).
     */
    public record RateRow(String group, String eligible, String met, Double rate, Long toMinimum, Long toHigh) {

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
    public record RateTable(MeasureRuns.RunRow run, String by, Optional<PerformanceLevels.Level> level,
            List<RateRow> rows) {
    }

    public Optional<RateTable> table(long runId, String by) {
        return runs.find(runId).map(run -> table(run, by));
    }

    RateTable table(MeasureRuns.RunRow run, String by) {
        var strata = strata(run.id(), by);
        var level = levels.find(run.measureId(), run.periodEnd().getYear());
        var shown = SuppressedStrata.of(strata);
        var rows = new ArrayList<RateRow>();
        long eligible = 0, met = 0;
        for (int i = 0; i < shown.size(); i++) {
            var row = shown.get(i);
            long e, m;
            if (i < strata.size()) {
                e = strata.get(i).eligible();
                m = strata.get(i).met();
                eligible += e;
                met += m;
            } else {
                e = eligible;
                m = met;
            }
            Long toMinimum = null, toHigh = null;
            if (row.rate() != null && level.isPresent()) {
                toMinimum = level.get().membersTo(level.get().minimum(), e, m);
                toHigh = level.get().membersTo(level.get().high(), e, m);
            }
            rows.add(new RateRow(row.value(), row.eligible(), row.met(), row.rate(), toMinimum, toHigh));
        }
        return new RateTable(run, by, level, rows);
    }

    /** Eligible (denominator less exclusions and exceptions) and met counts per value of the grouping. */
    public List<MeasureRuns.Stratum> strata(long runId, String by) {
        var column = switch (by) {
            case "sex", "age_band", "race_ethnicity", "language", "product_line", "clinic", "medical_group" -> by;
            case "spa", "rcac_region" -> by + "::text";
            case "pcp" -> "case when pcp_npi is null then null else coalesce(pcp_name || ' ', '') || '(NPI ' || pcp_npi"
                    + " || ')' end";
            default -> throw new IllegalArgumentException("unknown grouping " + by);
        };
        return jdbc.sql("select coalesce(" + column + ", 'unknown') as v, "
                + "count(*) filter (where denominator and not denominator_exclusion and not denominator_exception), "
                + "count(*) filter (where numerator and not denominator_exclusion and not denominator_exception) "
                + "from quality.measure_result where run_id = ? group by 1 order by 1")
                .param(runId).query((rs, n) -> new MeasureRuns.Stratum(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }
}
