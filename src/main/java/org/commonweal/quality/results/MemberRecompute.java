package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MonthMasks;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * New data arrived for members: their result in each measure's latest finished run is evaluated again from
 * everything on record now (claims and clinical data, supplemental data included), so a gap the new data closes
 * shows as closed without a full run. The one place the care-gap loop recomputes. Members go in batches of
 * {@value #BATCH}: their claims and clinical data read in one query each ({@link OwnEngineRuns#claims},
 * {@link ClinicalImport#resources(Collection)}), evaluated by our engine ({@link EcqmEngine}, which covers every
 * measure of the catalogue; the CQL reference engine for any it does not), and their rows of each run replaced in
 * one statement ({@link MeasureRuns#replace}), so a lab file for 10,000 members costs a few queries per 1,000.
 */
@Service
public class MemberRecompute {

    static final String PURPOSE = "quality: recompute a member's measures after new data";
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final MeasureCatalog catalog;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final MeasureRuns runs;
    private final OwnEngineRuns ownEngine;
    private final MemberAttribution attribution;
    private final ResultAttribution attributed;

    MemberRecompute(
            JdbcClient jdbc,
            MeasureCatalog catalog,
            Coverage coverage,
            ClinicalImport clinical,
            MeasureRuns runs,
            OwnEngineRuns ownEngine,
            MemberAttribution attribution,
            ResultAttribution attributed) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.coverage = coverage;
        this.clinical = clinical;
        this.runs = runs;
        this.ownEngine = ownEngine;
        this.attribution = attribution;
        this.attributed = attributed;
    }

    private record LatestRun(long id, String measureId, LocalDate from, LocalDate to) {}

    /**
     * Re-evaluates the member in each measure's latest finished run, attributed again as of its period end; returns how
     * many results were replaced.
     */
    @Transactional
    public int recompute(String memberId) {
        return recompute(List.of(memberId));
    }

    /**
     * Re-evaluates the members (each once, whatever the repeats) in each measure's latest finished run, a batch at a
     * time; returns how many results were replaced. Members coverage does not know are skipped.
     */
    public int recompute(Collection<String> memberIds) {
        var latest = jdbc
                .sql("""
                select id, measure_id, period_start, period_end from quality.measure_run run
                where id = (select max(id) from quality.measure_run l
                            where l.measure_id = run.measure_id and l.finished_at is not null)
                order by measure_id""")
                .query((rs, n) -> new LatestRun(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)))
                .list()
                .stream()
                .filter(run -> catalog.available(run.measureId()))
                .toList();
        if (latest.isEmpty()) return 0;
        var ids = List.copyOf(new LinkedHashSet<>(memberIds));
        int replaced = 0;
        for (int start = 0; start < ids.size(); start += BATCH) {
            replaced += batch(ids.subList(start, Math.min(ids.size(), start + BATCH)), latest);
        }
        return replaced;
    }

    private int batch(List<String> ids, List<LatestRun> latest) {
        var members = new ArrayList<MemberSummary>(ids.size());
        for (var id : ids) coverage.findMember(id, PURPOSE).ifPresent(members::add);
        if (members.isEmpty()) return 0;
        var found = members.stream().map(MemberSummary::memberId).toList();
        var claims = ownEngine.claims(found.toArray(String[]::new));
        var clinicalData = clinical.resources(found);
        var engine = ownEngine.engine();
        var results = new LinkedHashMap<LatestRun, List<MeasureRuns.Replacement>>();
        for (var run : latest) results.put(run, new ArrayList<>(members.size()));
        for (var member : members) {
            var id = member.memberId();
            var own = claims.getOrDefault(id, List.of());
            var resources = clinicalData.getOrDefault(id, List.of());
            var record = engine.record(id, member.birthDate(), member.sex(), !resources.isEmpty());
            ClaimRecords.fill(record, own);
            FhirRecords.add(record, resources);
            List<Resource> fhir = null;
            var trends = new java.util.HashMap<List<LocalDate>, MonthMasks>(); // one per period
            for (var run : latest) {
                MeasurePopulations result = null;
                String error = null;
                Integer months = null;
                try {
                    if (engine.covers(run.measureId(), record)) {
                        result = engine.evaluate(run.measureId(), record, run.from(), run.to());
                        months = trends.computeIfAbsent(
                                        List.of(run.from(), run.to()),
                                        p -> new MonthMasks(engine, record, run.from(), run.to()))
                                .mask(run.measureId(), result);
                    } else {
                        if (fhir == null) {
                            fhir = new ArrayList<>(ClaimResources.of(member, own));
                            fhir.addAll(resources);
                        }
                        var evaluator = catalog.evaluator(run.measureId());
                        result = evaluator.evaluate(id, fhir, run.from(), run.to());
                        months = MonthlyTrends.referenceMask(evaluator, id, fhir, run.from(), run.to(), result);
                    }
                } catch (RuntimeException e) {
                    error = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
                results.get(run).add(new MeasureRuns.Replacement(member, result, error, months));
            }
        }
        int replaced = 0;
        // attributed again as of each run's period end (a PCP may have changed since the run), once per period
        var byPeriod = new LinkedHashMap<List<LocalDate>, java.util.Map<String, MemberAttribution.Attribution>>();
        for (var entry : results.entrySet()) {
            var run = entry.getKey();
            replaced += runs.replace(run.id(), entry.getValue(), run.to());
            attributed.write(
                    run.id(),
                    byPeriod.computeIfAbsent(
                            List.of(run.from(), run.to()),
                            p -> attribution.period(run.from(), run.to()).attribute(found)));
        }
        return replaced;
    }
}
