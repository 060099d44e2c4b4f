package org.commonweal.quality.results;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.CareGapsComputed;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.measure.MeasureCatalog;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A run's rate as of each month end of its period: the members eligible at the end of the period (the denominator
 * after exclusions and exceptions) and, for each month end, those the measure's numerator finds with the data dated
 * up to that day ({@link RecordAsOf}; the measure still runs for the whole period, only later data is left out). The
 * last month is the run's own result. How far the plan is, month by month, on the way to the year-end rate.
 */
@Service
public class MonthlyTrends {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final MeasureCatalog catalog;
    private final MeasureRuns runs;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final boolean enabled;

    MonthlyTrends(
            JdbcClient jdbc,
            JdbcTemplate template,
            MeasureCatalog catalog,
            MeasureRuns runs,
            Coverage coverage,
            ClinicalImport clinical,
            @Value("${commonweal.quality.monthly-trends:true}") boolean enabled) {
        this.jdbc = jdbc;
        this.template = template;
        this.catalog = catalog;
        this.runs = runs;
        this.coverage = coverage;
        this.clinical = clinical;
        this.enabled = enabled;
    }

    @EventListener
    @Order(10)
    void on(CareGapsComputed run) {
        if (enabled) compute(run.runId());
    }

    /** The month ends of a period: the last day of each month it touches, the period's own end last. */
    static List<LocalDate> monthEnds(LocalDate from, LocalDate to) {
        var ends = new ArrayList<LocalDate>();
        for (var m = YearMonth.from(from); !m.atEndOfMonth().isAfter(to); m = m.plusMonths(1)) {
            ends.add(m.atEndOfMonth());
        }
        if (ends.isEmpty() || !ends.getLast().equals(to)) ends.add(to);
        return ends;
    }

    void compute(long runId) {
        var run = runs.find(runId).orElseThrow();
        var evaluator = catalog.evaluator(run.measureId());
        var ends = monthEnds(run.periodStart(), run.periodEnd());
        var eligible = jdbc.sql("""
                select member_id, numerator from quality.measure_result where run_id = ? and denominator
                  and not denominator_exclusion and not denominator_exception and error is null order by 1""")
                .param(runId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2)})
                .list();
        var rows = new ArrayList<Object[]>();
        for (var e : eligible) {
            var memberId = (String) e[0];
            var member = coverage.findMember(memberId, MeasureRuns.PURPOSE);
            if (member.isEmpty()) continue;
            var record = new ArrayList<Resource>(ClaimResources.of(member.get(), runs.claims(memberId)));
            record.addAll(clinical.resources(memberId));
            for (var end : ends) {
                boolean met;
                if (end.equals(run.periodEnd())) {
                    met = (Boolean) e[1];
                } else {
                    try {
                        met = evaluator
                                .evaluate(memberId, RecordAsOf.asOf(record, end), run.periodStart(), run.periodEnd())
                                .in("numerator");
                    } catch (RuntimeException failed) {
                        continue; // the month stays unknown for this member; the year-end result stands
                    }
                }
                rows.add(new Object[] {runId, memberId, end, met});
            }
            if (rows.size() >= 5_000) flush(rows);
        }
        flush(rows);
    }

    private void flush(List<Object[]> rows) {
        template.batchUpdate("""
                insert into quality.measure_result_month (run_id, member_id, month_end, numerator) values (?, ?, ?, ?)
                on conflict (run_id, member_id, month_end) do update set numerator = excluded.numerator""", rows);
        rows.clear();
    }

    /** One month end's counts. */
    public record Month(LocalDate monthEnd, long eligible, long met) {}

    public List<Month> months(long runId) {
        return jdbc.sql("""
                select month_end, count(*), count(*) filter (where numerator) from quality.measure_result_month
                where run_id = ? group by 1 order by 1""")
                .param(runId)
                .query((rs, n) -> new Month(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)))
                .list();
    }
}
