package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * New data arrived for members: their result in each measure's latest finished run (the run the gap lists, the
 * member's page and the reports read) is evaluated again from everything on record now (claims and clinical data,
 * supplemental data included), so a gap the new data closes shows as closed without a full run. The one recompute
 * path: supplemental files, FHIR clinical data and the withdrawal of any clinical source ({@code
 * supplemental.ClinicalSources}), center screenings and a single member ({@link #recompute(String)}, a batch
 * of one) all come here. Members go in batches of {@value #BATCH}: their claims read by one binary COPY on the index
 * of current claims ({@link ClaimCopy#read(java.sql.Connection, java.util.Set)}), their clinical data in one query
 * ({@link ClinicalImport#resources(Collection)}), evaluated as a run evaluates them ({@link OwnEngineRuns#answers}:
 * our engine, the CQL reference engine for a measure it does not cover, the month mask), attributed again as of each
 * run's period end ({@link MemberAttribution}: a PCP changed since the run shows), and written by the one upsert of
 * result rows ({@link ResultRows#upsert}): populations, strata, attribution and month mask in one statement per
 * 1,000 rows. In a plan-view run, only members continuously enrolled through its period get a row, as in the run.
 */
@Service
public class MemberRecompute {

    static final String PURPOSE = "quality: recompute a member's measures after new data";
    static final int BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final MeasureCatalog catalog;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final OwnEngineRuns ownEngine;
    private final MemberAttribution attribution;

    MemberRecompute(
            JdbcClient jdbc,
            JdbcTemplate template,
            MeasureCatalog catalog,
            Coverage coverage,
            ClinicalImport clinical,
            OwnEngineRuns ownEngine,
            MemberAttribution attribution) {
        this.jdbc = jdbc;
        this.template = template;
        this.catalog = catalog;
        this.coverage = coverage;
        this.clinical = clinical;
        this.ownEngine = ownEngine;
        this.attribution = attribution;
    }

    private record LatestRun(long id, String measureId, LocalDate from, LocalDate to, boolean planView) {}

    /**
     * Re-evaluates the member in each measure's latest finished run (a batch of one); returns their new populations by
     * measure (empty when coverage does not know them).
     */
    @Transactional
    public Map<String, MeasurePopulations> recompute(String memberId) {
        var out = new LinkedHashMap<String, MeasurePopulations>();
        recompute(List.of(memberId), out);
        return out;
    }

    /**
     * Re-evaluates the members (each once, whatever the repeats) in each measure's latest finished run, a batch at a
     * time; returns how many results were written. Members coverage does not know are skipped.
     */
    public int recompute(Collection<String> memberIds) {
        return recompute(memberIds, null);
    }

    private int recompute(Collection<String> memberIds, Map<String, MeasurePopulations> populations) {
        var latest = jdbc
                .sql("""
                select id, measure_id, period_start, period_end, population_view from quality.measure_run run
                where id = (select max(id) from quality.measure_run l
                            where l.measure_id = run.measure_id and l.finished_at is not null)
                order by measure_id""")
                .query((rs, n) -> new LatestRun(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class),
                        "plan".equals(rs.getString(5))))
                .list()
                .stream()
                .filter(run -> catalog.available(run.measureId()))
                .toList();
        if (latest.isEmpty()) return 0;
        var ids = List.copyOf(new LinkedHashSet<>(memberIds));
        int written = 0;
        for (int start = 0; start < ids.size(); start += BATCH) {
            written += batch(ids.subList(start, Math.min(ids.size(), start + BATCH)), latest, populations);
        }
        return written;
    }

    private int batch(List<String> ids, List<LatestRun> latest, Map<String, MeasurePopulations> populations) {
        // the members in one coverage read, audited per member in one write (a look-up each cost a query and a commit)
        var on = latest.getFirst().to();
        var members = new ArrayList<MemberResidence>(ids.size());
        for (var found : coverage.eligibility(
                ids.stream().map(id -> new EligibilityInquiry(id, on)).toList(), PURPOSE)) {
            found.map(e -> OwnEngineRuns.residence(e.member())).ifPresent(members::add);
        }
        if (members.isEmpty()) return 0;
        var found = members.stream().map(MemberResidence::memberId).toList();
        var claims = template.execute((ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>)
                c -> ClaimCopy.read(c, new HashSet<>(found)));
        var clinicalData = clinical.resources(found);
        var spans = latest.stream().anyMatch(LatestRun::planView)
                ? coverage.spans(found, PURPOSE)
                : Map.<String, List<EnrollmentSpan>>of();
        var byPeriod = new LinkedHashMap<List<LocalDate>, List<LatestRun>>();
        for (var run : latest)
            byPeriod.computeIfAbsent(List.of(run.from(), run.to()), p -> new ArrayList<>())
                    .add(run);
        var rows = new ArrayList<Object[]>(members.size() * latest.size());
        for (var period : byPeriod.values()) {
            var from = period.getFirst().from();
            var to = period.getFirst().to();
            var measureIds = period.stream().map(LatestRun::measureId).toList();
            var attributed =
                    attribution.period(from, to).attributeWithVisits(found, ClaimPlurality.visits(claims, from, to));
            for (var member : members) {
                var id = member.memberId();
                var answers = ownEngine.answers(
                        member,
                        claims.getOrDefault(id, List.of()),
                        clinicalData.getOrDefault(id, List.of()),
                        measureIds,
                        from,
                        to);
                for (int i = 0; i < period.size(); i++) {
                    var run = period.get(i);
                    if (run.planView()
                            && !PlanPopulation.continuouslyEnrolled(spans.getOrDefault(id, List.of()), from, to))
                        continue;
                    var answer = answers.get(i);
                    rows.add(ResultRows.row(
                            run.id(),
                            member,
                            answer.result(),
                            answer.error(),
                            to,
                            attributed.get(id),
                            answer.months()));
                    if (populations != null && answer.result() != null)
                        populations.put(run.measureId(), answer.result());
                }
            }
        }
        return ResultRows.upsert(jdbc, rows);
    }
}
