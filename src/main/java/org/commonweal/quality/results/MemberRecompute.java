package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * New data arrived for one member: their result in each measure's latest finished run is evaluated again from
 * everything on record now (claims and clinical data, supplemental data included), so a gap the new data closes
 * shows as closed without a full run. The one place the care-gap loop recomputes: point it at a faster per-member
 * engine when there is one.
 */
@Service
public class MemberRecompute {

    static final String PURPOSE = "quality: recompute a member's measures after new data";

    private final JdbcClient jdbc;
    private final MeasureCatalog catalog;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final MeasureRuns runs;

    MemberRecompute(
            JdbcClient jdbc, MeasureCatalog catalog, Coverage coverage, ClinicalImport clinical, MeasureRuns runs) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.coverage = coverage;
        this.clinical = clinical;
        this.runs = runs;
    }

    private record LatestRun(long id, String measureId, LocalDate from, LocalDate to) {}

    /** Re-evaluates the member in each measure's latest finished run; returns how many results were replaced. */
    @Transactional
    public int recompute(String memberId) {
        var member = coverage.findMember(memberId, PURPOSE);
        if (member.isEmpty()) return 0;
        var latest = jdbc.sql("""
                select id, measure_id, period_start, period_end from quality.measure_run run
                where id = (select max(id) from quality.measure_run l
                            where l.measure_id = run.measure_id and l.finished_at is not null)
                order by measure_id""")
                .query((rs, n) -> new LatestRun(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)))
                .list();
        var record = new ArrayList<Resource>(ClaimResources.of(member.get(), runs.claims(memberId)));
        record.addAll(clinical.resources(memberId));
        int replaced = 0;
        for (var run : latest) {
            if (!catalog.available(run.measureId())) continue;
            MeasurePopulations result = null;
            String error = null;
            Integer months = null;
            try {
                var evaluator = catalog.evaluator(run.measureId());
                result = evaluator.evaluate(memberId, record, run.from(), run.to());
                months = MonthlyTrends.referenceMask(evaluator, memberId, record, run.from(), run.to(), result);
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            jdbc.sql("delete from quality.measure_result where run_id = ? and member_id = ?")
                    .params(run.id(), memberId)
                    .update();
            runs.store(run.id(), member.get(), result, error, run.to(), months);
            replaced++;
        }
        return replaced;
    }
}
