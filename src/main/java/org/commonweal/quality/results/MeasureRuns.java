package org.commonweal.quality.results;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.quality.CareGapsComputed;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Runs a measure for a measurement period over the members with current claims in it or clinical data, and stores each member's
 * populations with the strata (sex, age band, race and ethnicity, language, SPA, RCAC region) they had at the run.
 * The eCQM view: the populations exactly as the measure's CQL defines them, from the member's data as FHIR.
 */
@Service
public class MeasureRuns {

    static final String PURPOSE = "quality: compute clinical quality measures";

    private final JdbcClient jdbc;
    private final MeasureCatalog catalog;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final ApplicationEventPublisher events;

    MeasureRuns(
            JdbcClient jdbc,
            MeasureCatalog catalog,
            Coverage coverage,
            ClinicalImport clinical,
            ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.coverage = coverage;
        this.clinical = clinical;
    }

    /** What one run did. */
    public record RunSummary(
            long runId,
            String measureId,
            int members,
            int initialPopulation,
            int denominator,
            int exclusions,
            int numerator,
            int errors,
            long millis) {}

    public RunSummary run(String measureId, LocalDate from, LocalDate to, String by) {
        long started = System.currentTimeMillis();
        var evaluator = catalog.evaluator(measureId);
        long runId = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                    started_by) values (?, ?, ?, ?, 'ecqm', ?) returning id""")
                .params(measureId, evaluator.measure().url(), from, to, by)
                .query(Long.class)
                .single();
        var memberIds = jdbc.sql("""
                select distinct c.member_id from quality.claim c join quality.service_line l on l.claim_id = c.id
                where c.status = 'current' and l.service_from <= ? and coalesce(l.service_to, l.service_from) >= ?
                order by 1""").params(to, from).query(String.class).list();
        var withClinicalData = new java.util.TreeSet<>(memberIds);
        withClinicalData.addAll(clinical.members());
        memberIds = List.copyOf(withClinicalData);
        int ip = 0, den = 0, denex = 0, num = 0, errors = 0, members = 0;
        for (var memberId : memberIds) {
            var member = coverage.findMember(memberId, PURPOSE);
            if (member.isEmpty()) continue;
            members++;
            MeasurePopulations result = null;
            String error = null;
            Integer months = null;
            try {
                var record = new ArrayList<Resource>(ClaimResources.of(member.get(), claims(memberId)));
                record.addAll(clinical.resources(memberId));
                result = evaluator.evaluate(memberId, record, from, to);
                months = MonthlyTrends.referenceMask(evaluator, memberId, record, from, to, result);
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
                errors++;
            }
            store(runId, member.get(), result, error, to, months);
            if (result != null) {
                ip += result.count("initial-population");
                den += result.count("denominator");
                denex += result.count("denominator-exclusion");
                num += result.count("numerator");
            }
        }
        jdbc.sql("update quality.measure_run set finished_at = now(), members = ?, errors = ? where id = ?")
                .params(members, errors, runId)
                .update();
        events.publishEvent(
                new CareGapsComputed(runId, measureId, to, openGaps(runId).size()));
        return new RunSummary(
                runId, measureId, members, ip, den, denex, num, errors, System.currentTimeMillis() - started);
    }

    /**
     * Stores a member's result with its month mask ({@link MonthlyTrends}; null when not eligible), not attributed
     * ({@link ResultAttribution} attributes the run's members when it finishes).
     */
    void store(
            long runId,
            MemberSummary member,
            MeasurePopulations result,
            String error,
            LocalDate asOf,
            Integer monthMask) {
        ResultRows.upsert(
                jdbc,
                java.util.Collections.singletonList(
                        ResultRows.row(runId, OwnEngineRuns.residence(member), result, error, asOf, null, monthMask)));
    }

    static String ageBand(LocalDate birthDate, LocalDate asOf) {
        if (birthDate == null) return null;
        int age = Period.between(birthDate, asOf).getYears();
        if (age < 18) return "0-17";
        if (age < 45) return "18-44";
        if (age < 65) return "45-64";
        return "65+";
    }

    List<ClaimResources.StoredClaim> claims(String memberId) {
        var lines = new LinkedHashMap<Long, List<ClaimResources.StoredLine>>();
        jdbc.sql("""
                select l.claim_id, l.line_number, l.service_from, l.service_to, l.procedure_code
                from quality.service_line l join quality.claim c on c.id = l.claim_id
                where c.member_id = ? and c.status = 'current' order by l.claim_id, l.line_number""")
                .param(memberId)
                .query((rs, n) -> {
                    lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new ClaimResources.StoredLine(
                                    rs.getInt(2), date(rs, 3), date(rs, 4), rs.getString(5)));
                    return null;
                })
                .list();
        return jdbc.sql("""
                select id, claim_number, form, statement_from, statement_to, diagnoses, icd10_procedures
                from quality.claim where member_id = ? and status = 'current' order by id""")
                .param(memberId)
                .query((rs, n) -> new ClaimResources.StoredClaim(
                        rs.getString(2),
                        rs.getString(3).charAt(0),
                        date(rs, 4),
                        date(rs, 5),
                        strings(rs.getArray(6)),
                        strings(rs.getArray(7)),
                        lines.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    /** One stratum's counts in a run (denominator after exclusions and exceptions, numerator). */
    public record Stratum(String value, long eligible, long met) {}

    /** The run's eligible and met counts per value of one stratifier (sex, age_band, race_ethnicity, …). */
    public List<Stratum> strata(long runId, String stratifier) {
        var column = switch (stratifier) {
            case "sex", "age_band", "race_ethnicity", "language" -> stratifier;
            case "spa", "rcac_region" -> stratifier + "::text";
            default -> throw new IllegalArgumentException("unknown stratifier " + stratifier);
        };
        return jdbc.sql("select coalesce(" + column + ", 'unknown') as v, "
                        + "count(*) filter (where denominator and not denominator_exclusion and not denominator_exception), "
                        + "count(*) filter (where numerator) from quality.measure_result where run_id = ? "
                        + "group by 1 order by 1")
                .param(runId)
                .query((rs, n) -> new Stratum(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
    }

    /** A finished run with its population counts. */
    public record RunRow(
            long id,
            String measureId,
            LocalDate periodStart,
            LocalDate periodEnd,
            int members,
            long initialPopulation,
            long denominator,
            long exclusions,
            long numerator,
            int errors) {}

    /** The latest runs, newest first. */
    public List<RunRow> recent(int limit) {
        return jdbc.sql("""
                select run.id, run.measure_id, run.period_start, run.period_end, run.members, run.errors,
                  count(*) filter (where r.initial_population), count(*) filter (where r.denominator),
                  count(*) filter (where r.denominator_exclusion or r.denominator_exception),
                  count(*) filter (where r.numerator)
                from quality.measure_run run left join quality.measure_result r on r.run_id = run.id
                where run.finished_at is not null
                group by run.id order by run.id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new RunRow(
                        rs.getLong(1),
                        rs.getString(2),
                        date(rs, 3),
                        date(rs, 4),
                        rs.getInt(5),
                        rs.getLong(7),
                        rs.getLong(8),
                        rs.getLong(9),
                        rs.getLong(10),
                        rs.getInt(6)))
                .list();
    }

    public java.util.Optional<RunRow> find(long runId) {
        return recent(Integer.MAX_VALUE).stream().filter(r -> r.id() == runId).findFirst();
    }

    /** Open care gaps of a run: members eligible (not excluded) and not in the numerator (in it, for an inverse measure). */
    public List<String> openGaps(long runId) {
        return jdbc.sql("select r.member_id from quality.measure_result r join quality.measure_run run"
                        + " on run.id = r.run_id where r.run_id = ? and "
                        + org.commonweal.quality.gaps.GapReasons.openGapSql("r", "run") + " order by 1")
                .param(runId)
                .query(String.class)
                .list();
    }
}
