package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.quality.engine.MonthMasks;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.MeasurePopulations;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A run's rate as of each month end of its period: the members eligible at the end of the period (the denominator
 * after exclusions and exceptions) and, for each month end, those the measure's numerator finds with the data dated
 * up to that day (the measure still runs for the whole period, only later data is left out). The last month is the
 * run's own result. How far the plan is, month by month, on the way to the year-end rate.
 *
 * <p>Each eligible result row carries its month mask ({@code quality.measure_result.month_mask}, bit {@code k}: met
 * at the {@code k}-th month end), written with the row: by our engine in the run ({@link MonthMasks}, in
 * {@link OwnEngineRuns}), by the CQL reference engine over {@link RecordAsOf} for the reference engine's runs
 * ({@link MeasureRuns}, {@link MemberRecompute}: {@link #referenceMask}).
 */
@Service
public class MonthlyTrends {

    private final JdbcClient jdbc;
    private final MeasureRuns runs;

    MonthlyTrends(JdbcClient jdbc, MeasureRuns runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    /** The month ends of a period: the last day of each month it touches, the period's own end last. */
    static List<LocalDate> monthEnds(LocalDate from, LocalDate to) {
        return MonthMasks.monthEnds(from, to);
    }

    /**
     * A member's month mask by the CQL reference engine: the measure evaluated on the member's resources as of the
     * month ends ({@link RecordAsOf}), {@code result}'s numerator from the month end after which nothing is dated
     * (and at the last). As our engine's masks ({@link MonthMasks}), a month end is evaluated only when a resource is
     * dated in its month; otherwise the month before's answer stands. Null when the member is not eligible in
     * {@code result}, the period has more month ends than a mask holds, or the engine stops at a month end (the
     * member is then left out of the trend; the year-end result stands).
     */
    static Integer referenceMask(
            CqlMeasureEvaluator evaluator,
            String memberId,
            List<Resource> record,
            LocalDate from,
            LocalDate to,
            MeasurePopulations result) {
        if (result == null
                || !result.in("denominator")
                || result.in("denominator-exclusion")
                || result.in("denominator-exception")) return null;
        var ends = monthEnds(from, to);
        if (ends.size() > MonthMasks.MAX_MONTHS) return null;
        LocalDate latest = null;
        var changed = new boolean[ends.size()];
        for (var resource : record) {
            var day = RecordAsOf.when(resource);
            if (day == null) continue;
            if (latest == null || day.isAfter(latest)) latest = day;
            for (int k = 0; k < ends.size(); k++) {
                if (!day.isAfter(ends.get(k))) {
                    changed[k] = true;
                    break;
                }
            }
        }
        int mask = 0;
        boolean met = false;
        for (int k = 0; k < ends.size(); k++) {
            if (k == ends.size() - 1 || latest == null || !latest.isAfter(ends.get(k))) {
                met = result.in("numerator"); // the whole record
            } else if (k == 0 || changed[k]) {
                try {
                    met = evaluator
                            .evaluate(memberId, RecordAsOf.asOf(record, ends.get(k)), from, to)
                            .in("numerator");
                } catch (RuntimeException failed) {
                    return null;
                }
            }
            if (met) mask |= 1 << k;
        }
        return mask;
    }

    /** One month end's counts. */
    public record Month(LocalDate monthEnd, long eligible, long met) {}

    /** The run's counts at each month end (none when no result has a mask), in one pass over its results. */
    public List<Month> months(long runId) {
        var run = runs.find(runId);
        if (run.isEmpty()) return List.of();
        var ends = monthEnds(run.get().periodStart(), run.get().periodEnd());
        if (ends.size() > MonthMasks.MAX_MONTHS) return List.of();
        var sql = new StringBuilder("select count(*)");
        for (int k = 0; k < ends.size(); k++) {
            sql.append(", count(*) filter (where month_mask & ").append(1 << k).append(" <> 0)");
        }
        sql.append(" from quality.measure_result where run_id = ? and month_mask is not null");
        var counts = jdbc.sql(sql.toString())
                .param(runId)
                .query((rs, n) -> {
                    var c = new long[ends.size() + 1];
                    for (int i = 0; i < c.length; i++) c[i] = rs.getLong(i + 1);
                    return c;
                })
                .single();
        var months = new ArrayList<Month>();
        if (counts[0] == 0) return months;
        for (int k = 0; k < ends.size(); k++) months.add(new Month(ends.get(k), counts[0], counts[k + 1]));
        return months;
    }
}
