package org.commonweal.quality.fhir;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.Eligibility;
import org.commonweal.platform.CellSuppression;
import org.commonweal.quality.results.MeasureRuns;
import org.commonweal.quality.results.RateTables;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/MeasureReport}: the plan's measure runs as FHIR Quality Measure MeasureReports, for clients holding
 * {@code system/MeasureReport.rs} (the state, an auditor, a provider group's system): {@code MeasureReport/{run}} the
 * summary (population counts and the score), {@code MeasureReport/{run}-subject-list} the members of each population
 * (contained Lists), {@code MeasureReport/{run}-{member}} one member's individual report; search by {@code measure}
 * (id or canonical URL) gives the summaries of its runs, newest first (without strata: a read of one gives them). A member the run has no row for (outside
 * every population: runs keep informative rows only) but who was covered on the period's last day gets a report of
 * all-zero populations; a member not covered then, or unknown, is not found. The population counts are exact: these
 * clients receive member-level data under their agreements; the strata of a summary ({@link #stratified}) are the
 * published cells, masked as the CSV masks them, so that a report passed on shows no stratum the pages would hide.
 * Subject lists and individual reports are audited as reads of member data.
 */
@Component
class FhirMeasureReportProvider implements IResourceProvider {

    static final String POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final List<String> POPULATIONS =
            List.of("initial-population", "denominator", "denominator-exclusion", "denominator-exception", "numerator");

    static final String PURPOSE = "quality: FHIR MeasureReport of a member";

    /** The member stratifiers a summary carries, as the runs keep them (the CSV's groupings by member). */
    static final List<String> STRATIFIERS =
            List.of("product_line", "race_ethnicity", "language", "age_band", "sex", "spa", "rcac_region");

    /** FHIR's reason for an absent value; {@code masked} for a count the suppression hides. */
    static final String DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private final JdbcClient jdbc;
    private final MeasureRuns runs;
    private final AuditTrail audit;
    private final Coverage coverage;
    private final RateTables rates;

    FhirMeasureReportProvider(
            JdbcClient jdbc, MeasureRuns runs, AuditTrail audit, Coverage coverage, RateTables rates) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.audit = audit;
        this.coverage = coverage;
        this.rates = rates;
    }

    @Override
    public Class<MeasureReport> getResourceType() {
        return MeasureReport.class;
    }

    /** A run as the report needs it. */
    record Run(long id, String measureId, String url, LocalDate start, LocalDate end) {}

    @Read
    public MeasureReport read(@IdParam IdType id) {
        var parts = id.getIdPart().split("-", 2);
        long runId;
        try {
            runId = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw new ResourceNotFoundException(id);
        }
        var run = run(runId).orElseThrow(() -> new ResourceNotFoundException(id));
        if (parts.length == 1) return stratified(run);
        if (parts[1].equals("subject-list")) return subjectList(run);
        return individual(run, parts[1]).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<MeasureReport> search(@OptionalParam(name = MeasureReport.SP_MEASURE) ReferenceParam measure) {
        var reports = new ArrayList<MeasureReport>();
        var wanted = measure == null ? null : measure.getValue();
        for (var row : runs.recent(50)) {
            var run = run(row.id()).orElseThrow();
            if (wanted == null
                    || wanted.equals(run.measureId())
                    || wanted.equals(run.url())
                    || wanted.equals("Measure/" + run.measureId())) {
                reports.add(summary(run));
            }
        }
        return reports;
    }

    java.util.Optional<Run> run(long runId) {
        return jdbc.sql("""
                select id, measure_id, measure_url, period_start, period_end from quality.measure_run
                where id = ? and finished_at is not null""")
                .param(runId)
                .query((rs, n) -> new Run(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class)))
                .optional();
    }

    private static MeasureReport report(Run run, String id, MeasureReport.MeasureReportType type) {
        var report = new MeasureReport();
        report.setId(id);
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(type);
        report.setMeasure(run.url());
        report.getPeriod().setStart(date(run.start())).setEnd(date(run.end()));
        return report;
    }

    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    MeasureReport summary(Run run) {
        var report = report(run, String.valueOf(run.id()), MeasureReport.MeasureReportType.SUMMARY);
        var counts = jdbc.sql("""
                select count(*) filter (where initial_population), count(*) filter (where denominator),
                  count(*) filter (where denominator_exclusion), count(*) filter (where denominator_exception),
                  count(*) filter (where numerator) from quality.measure_result where run_id = ?""")
                .param(run.id())
                .query((rs, n) ->
                        new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)})
                .single();
        var group = report.addGroup();
        for (int i = 0; i < POPULATIONS.size(); i++) {
            group.addPopulation()
                    .setCount((int) counts[i])
                    .getCode()
                    .addCoding()
                    .setSystem(POPULATION_SYSTEM)
                    .setCode(POPULATIONS.get(i));
        }
        long eligible = counts[1] - counts[2] - counts[3];
        if (eligible > 0) group.getMeasureScore().setValue((double) counts[4] / eligible);
        return report;
    }

    /**
     * The summary with a {@code group.stratifier} per member stratifier the run keeps: per stratum its eligible
     * ({@code denominator}, after exclusions and exceptions) and met ({@code numerator}) counts and the score, through
     * the same suppression as the pages and the CSV ({@link RateTables}); a masked count has no value and the
     * data-absent-reason {@code masked}, and a stratum with a masked count has no score.
     */
    MeasureReport stratified(Run run) {
        var report = summary(run);
        var group = report.getGroupFirstRep();
        for (var table : rates.tables(run.id(), STRATIFIERS).orElse(List.of())) {
            var stratifier = group.addStratifier();
            stratifier.addCode().setText(table.by());
            for (var row : table.rows()) {
                if (row.total()) continue;
                var stratum = stratifier.addStratum();
                stratum.getValue().setText(row.group());
                count(stratum.addPopulation(), "denominator", row.eligible());
                count(stratum.addPopulation(), "numerator", row.met());
                if (row.rate() != null) stratum.getMeasureScore().setValue(row.rate() / 100);
            }
        }
        return report;
    }

    private static void count(MeasureReport.StratifierGroupPopulationComponent population, String code, String shown) {
        population.getCode().addCoding().setSystem(POPULATION_SYSTEM).setCode(code);
        if (CellSuppression.MASK.equals(shown)) {
            population.getCountElement().addExtension(DATA_ABSENT_REASON, new CodeType("masked"));
        } else {
            population.setCount(Integer.parseInt(shown));
        }
    }

    MeasureReport subjectList(Run run) {
        var report = report(run, run.id() + "-subject-list", MeasureReport.MeasureReportType.SUBJECTLIST);
        var group = report.addGroup();
        for (var population : POPULATIONS) {
            var column = population.replace('-', '_');
            var members = jdbc.sql("select member_id from quality.measure_result where run_id = ? and " + column
                            + " order by 1")
                    .param(run.id())
                    .query(String.class)
                    .list();
            var list = new ListResource();
            list.setId(population);
            list.setStatus(ListResource.ListStatus.CURRENT).setMode(ListResource.ListMode.SNAPSHOT);
            members.forEach(m -> list.addEntry().setItem(new Reference("Patient/" + m)));
            report.addContained(list);
            var p = group.addPopulation().setCount(members.size());
            p.getCode().addCoding().setSystem(POPULATION_SYSTEM).setCode(population);
            p.setSubjectResults(new Reference("#" + population));
        }
        audit.record(
                AuditEntry.read("measure-result", String.valueOf(run.id()), null, "FHIR MeasureReport subject list"));
        return report;
    }

    /**
     * The member's individual report: their populations in the run; all zero when the run has no row for them and
     * they were covered on its period's last day (a run keeps only the rows of members in a population, or evaluated
     * with an error); empty (not found) for a member coverage does not know or did not cover then.
     */
    java.util.Optional<MeasureReport> individual(Run run, String memberId) {
        var counts = jdbc.sql("""
                select initial_population, denominator, denominator_exclusion, denominator_exception, numerator
                from quality.measure_result where run_id = ? and member_id = ?""")
                .params(run.id(), memberId)
                .query((rs, n) -> {
                    var in = new int[POPULATIONS.size()];
                    for (int i = 0; i < in.length; i++) in[i] = rs.getBoolean(i + 1) ? 1 : 0;
                    return in;
                })
                .optional()
                .or(() -> coverage.eligibility(memberId, run.end(), PURPOSE)
                        .filter(Eligibility::active)
                        .map(covered -> new int[POPULATIONS.size()]));
        if (counts.isEmpty()) return java.util.Optional.empty();
        var report = report(run, run.id() + "-" + memberId, MeasureReport.MeasureReportType.INDIVIDUAL);
        report.setSubject(new Reference("Patient/" + memberId));
        var group = report.addGroup();
        for (int i = 0; i < POPULATIONS.size(); i++) {
            group.addPopulation()
                    .setCount(counts.get()[i])
                    .getCode()
                    .addCoding()
                    .setSystem(POPULATION_SYSTEM)
                    .setCode(POPULATIONS.get(i));
        }
        audit.record(
                AuditEntry.read("measure-result", String.valueOf(run.id()), memberId, "FHIR MeasureReport individual"));
        return java.util.Optional.of(report);
    }
}
