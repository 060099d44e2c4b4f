package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.coverage.MemberSummary;
import org.commonweal.platform.CopyBinary;
import org.commonweal.quality.CareGapsComputed;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MonthMasks;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Measure runs with our own engine ({@link EcqmEngine}), the default: the covered members are streamed from
 * coverage in member order (one audited bulk read), their claims read 5,000 members at a time by one binary COPY over
 * their member-id range ({@link ClaimCopy}), each member's
 * record evaluated for every measure at once on the machine's cores, results written in batches. A member's clinical
 * FHIR resources join the record ({@link FhirRecords}); every measure the engine does not cover is evaluated by the
 * CQL reference engine over the same data as FHIR, as {@link MeasureRuns} does. {@link MemberRecompute} evaluates
 * members again in the latest runs when new data arrives for them, with the same {@link #answers} and rows.
 */
@Service
public class OwnEngineRuns {

    static final int BATCH = 5000;

    private static final Logger log = LoggerFactory.getLogger(OwnEngineRuns.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final MeasureCatalog catalog;
    private final Coverage coverage;
    private final ClinicalImport clinical;
    private final ApplicationEventPublisher events;
    private final MemberAttribution attribution;
    private volatile EcqmEngine engine;

    /**
     * Whether a run writes only the rows that carry information: members in the measure's initial population, or
     * whose evaluation failed (see docs/benchmarks-quality.md, session 9): about one row in six at full scale. On by
     * default ({@code commonweal.quality.results.informative-only}); every figure is the same either way
     * (InformativeRowsIntegrationTests), the run's member count is its tally.
     */
    @org.springframework.beans.factory.annotation.Value("${commonweal.quality.results.informative-only:true}")
    private volatile boolean informativeOnly;

    /** For tests: the same run both ways in one application. */
    void informativeOnly(boolean on) {
        informativeOnly = on;
    }

    OwnEngineRuns(
            JdbcClient jdbc,
            JdbcTemplate template,
            MeasureCatalog catalog,
            Coverage coverage,
            ClinicalImport clinical,
            ApplicationEventPublisher events,
            MemberAttribution attribution) {
        this.jdbc = jdbc;
        this.template = template;
        this.catalog = catalog;
        this.coverage = coverage;
        this.clinical = clinical;
        this.events = events;
        this.attribution = attribution;
    }

    /** The engine, its value sets read from the measure content on first use. */
    EcqmEngine engine() {
        var e = engine;
        if (e == null) {
            synchronized (this) {
                if (engine == null) engine = EcqmEngine.load(catalog.content());
                e = engine;
            }
        }
        return e;
    }

    /** The two population views of a run. */
    public enum View {
        /** the eCQM's own: the members the measure's CQL finds, covered on the period's last day */
        ECQM,
        /** MCAS: of those, the members continuously enrolled through the period ({@link PlanPopulation}) */
        PLAN
    }

    /** {@link #run(List, LocalDate, LocalDate, String, View)} in the eCQM view. */
    public List<MeasureRuns.RunSummary> run(List<String> measureIds, LocalDate from, LocalDate to, String by) {
        return run(measureIds, from, to, by, View.ECQM);
    }

    /**
     * Runs {@code measureIds} for the period over the members covered on its last day who have a claim line in it or
     * clinical data (in the plan view: and are continuously enrolled through it); one run row per measure, with the
     * view. Measures our engine does not cover go to the reference engine member by member.
     */
    public List<MeasureRuns.RunSummary> run(
            List<String> measureIds, LocalDate from, LocalDate to, String by, View view) {
        long started = System.currentTimeMillis();
        for (var id : measureIds) {
            if (!MeasureCatalog.SUPPORTED.contains(id))
                throw new IllegalArgumentException(id + " is not one of " + MeasureCatalog.SUPPORTED);
        }
        var engine = engine();
        var runs = new LinkedHashMap<String, Long>();
        for (var id : measureIds) {
            var url = EcqmEngine.MEASURES.contains(id)
                    ? engine.url(id)
                    : catalog.evaluator(id).measure().url();
            runs.put(
                    id,
                    jdbc.sql("""
                    insert into quality.measure_run (measure_id, measure_url, period_start, period_end,
                        population_view, started_by) values (?, ?, ?, ?, ?, ?) returning id""")
                            .params(id, url, from, to, view.name().toLowerCase(java.util.Locale.ROOT), by)
                            .query(Long.class)
                            .single());
        }
        var withClinicalData = new HashSet<>(clinical.members());
        var tallies = new HashMap<String, int[]>();
        measureIds.forEach(id -> tallies.put(id, new int[6]));
        var phases = new long[5];
        var attributions = attribution.period(from, to);
        var pipeline = new Pipeline(measureIds, runs, withClinicalData, from, to, tallies, view, phases, attributions);
        var batch = new ArrayList<MemberResidence>(BATCH);
        var spans = new HashMap<String, EnrollmentSpan>(); // the batch's spans at the period's end (attribution)
        coverage.forEachActiveMemberSpan(to, MeasureRuns.PURPOSE, (member, span) -> {
            batch.add(member);
            spans.put(member.memberId(), span);
            if (batch.size() == BATCH) {
                pipeline.next(List.copyOf(batch), spans);
                batch.clear();
                spans.clear();
            }
        });
        pipeline.next(List.copyOf(batch), spans);
        pipeline.finish();
        attribution.attributed(runs.values());
        lastAttribution = attributions.tally();
        log.info("attributed once per member for {} measures: {}", measureIds.size(), lastAttribution);
        long evaluated = System.currentTimeMillis();
        var summaries = new ArrayList<MeasureRuns.RunSummary>();
        long millis = System.currentTimeMillis() - started;
        for (var id : measureIds) {
            long runId = runs.get(id);
            var t = tallies.get(id);
            jdbc.sql("update quality.measure_run set finished_at = now(), members = ?, errors = ? where id = ?")
                    .params(t[0], t[5], runId)
                    .update();
            int open = jdbc.sql("""
                    select count(*) from quality.measure_result where run_id = ? and denominator
                      and not denominator_exclusion and not denominator_exception and not numerator""").param(runId).query(Integer.class).single();
            events.publishEvent(new CareGapsComputed(runId, id, to, open));
            summaries.add(new MeasureRuns.RunSummary(runId, id, t[0], t[1], t[2], t[3], t[4], t[5], millis));
        }
        lastPhases = new Phases(
                evaluated - started,
                phases[0] / 1_000_000,
                phases[1] / 1_000_000,
                phases[2] / 1_000_000,
                phases[3] / 1_000_000,
                System.currentTimeMillis() - evaluated);
        log.info("measure run of {} measures: {}", measureIds.size(), lastPhases);
        return summaries;
    }

    /** One member's answer for one measure, or the error that stopped its evaluation. */
    record Answer(MemberResidence member, String measureId, MeasurePopulations result, String error, Integer months) {}

    /**
     * Where a run's time went, in milliseconds: the whole evaluation (members streamed, claims read, evaluated,
     * results written), of which reading claims (and the plan view's spans), evaluating on the pool (wall time, while
     * the next batch is read), attributing and writing results (on the writer, beside the read), and the calling
     * thread waiting for the pool or the writer with nothing left to read; then what the run's listeners did (gap
     * lists).
     */
    public record Phases(long evaluation, long read, long evaluate, long write, long waiting, long listeners) {}

    private volatile Phases lastPhases;

    private volatile MemberAttribution.Tally lastAttribution;

    /** What the last run this instance finished spent on attribution (members attributed, queries, time). */
    MemberAttribution.Tally lastAttribution() {
        return lastAttribution;
    }

    /** The phases of the last run this instance finished (for the benchmark and the log). */
    public Phases lastPhases() {
        return lastPhases;
    }

    /**
     * What a batch's members are attributed by once their rows are known: each one's span at the period's end and
     * their qualifying visits from the claims read for the batch ({@link ClaimPlurality#visits(Map, LocalDate,
     * LocalDate)}).
     */
    private record ToAttribute(Map<String, EnrollmentSpan> spans, Map<String, List<ClaimPlurality.Visits>> visits) {}

    /**
     * The batches of a run, three at a time: while the pool evaluates one batch, the calling thread (which streams the
     * members) reads the next batch's claims and the writer attributes and writes the previous batch's results, so
     * PostgreSQL and the evaluation work on the two cores at once. Tallies and attributions are kept by the writer, one
     * batch after the other; the calling thread reads them once the last batch is written.
     */
    private final class Pipeline {
        private final List<String> measureIds;
        private final Map<String, Long> runs;
        private final Set<String> withClinicalData;
        private final LocalDate from;
        private final LocalDate to;
        private final Map<String, int[]> tallies;
        private final View view;
        private final long[] phases; // read, evaluate, write, waiting
        private final MemberAttribution.Period attributions;
        private java.util.concurrent.Future<List<List<Answer>>> running;
        private ToAttribute runningToAttribute;
        private java.util.concurrent.Future<?> writing;
        private long runningSince;

        Pipeline(
                List<String> measureIds,
                Map<String, Long> runs,
                Set<String> withClinicalData,
                LocalDate from,
                LocalDate to,
                Map<String, int[]> tallies,
                View view,
                long[] phases,
                MemberAttribution.Period attributions) {
            this.measureIds = measureIds;
            this.runs = runs;
            this.withClinicalData = withClinicalData;
            this.from = from;
            this.to = to;
            this.tallies = tallies;
            this.view = view;
            this.phases = phases;
            this.attributions = attributions;
        }

        /**
         * Reads the batch's claims and their members' visits for attribution ({@code spans}: each one's span at the
         * period's end), hands it to the pool once the batch before it is evaluated, then attributes and writes that
         * batch's results while the pool evaluates this one.
         */
        void next(List<MemberResidence> members, Map<String, EnrollmentSpan> spans) {
            long t0 = System.nanoTime();
            var work = new ArrayList<MemberResidence>();
            var claims = read(members, work);
            var toAttribute = new ToAttribute(new HashMap<>(spans), ClaimPlurality.visits(claims, from, to));
            var clinicalResources = clinical.resources(work.stream()
                    .map(MemberResidence::memberId)
                    .filter(withClinicalData::contains)
                    .toList());
            phases[0] += System.nanoTime() - t0;
            var evaluated = await();
            var evaluatedToAttribute = runningToAttribute;
            if (!work.isEmpty()) {
                runningToAttribute = toAttribute;
                submit(work, claims, clinicalResources);
            }
            writeBehind(evaluated, evaluatedToAttribute); // while the pool evaluates this batch
        }

        /**
         * Writes a batch's results on the writer while this thread streams and reads the next batch (PostgreSQL's COPY
         * out and COPY in on two backends), once the batch written before it is in.
         */
        private void writeBehind(List<List<Answer>> answers, ToAttribute toAttribute) {
            awaitWrite();
            if (answers != null) writing = WRITER.submit(() -> write(answers, toAttribute));
        }

        /** Waits for the batch on the writer, if any (its tallies and phases are then visible here). */
        private void awaitWrite() {
            if (writing == null) return;
            long t0 = System.nanoTime();
            try {
                done(writing);
            } finally {
                writing = null;
                phases[3] += System.nanoTime() - t0;
            }
        }

        /** A task's result once it is done; its failure as an unchecked exception. */
        private static <T> T done(java.util.concurrent.Future<T> task) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        private void submit(
                List<MemberResidence> work,
                Map<String, List<ClaimResources.StoredClaim>> claims,
                Map<String, List<Resource>> clinicalResources) {
            runningSince = System.nanoTime();
            running = POOL.submit(() -> work.parallelStream()
                    .map(m -> answers(
                            m,
                            claims.getOrDefault(m.memberId(), List.of()),
                            clinicalResources.getOrDefault(m.memberId(), List.of()),
                            measureIds,
                            from,
                            to))
                    .toList());
        }

        /** Waits for the batch on the pool, if any, and writes its results. */
        void finish() {
            var last = await();
            awaitWrite();
            write(last, runningToAttribute);
        }

        /** The answers of the batch on the pool (null when there is none), once it is done. */
        private List<List<Answer>> await() {
            if (running == null) return null;
            List<List<Answer>> answers;
            long t0 = System.nanoTime();
            try {
                answers = done(running);
            } finally {
                running = null;
            }
            long done = System.nanoTime();
            phases[3] += done - t0;
            phases[1] += done - runningSince;
            return answers;
        }

        /** Tallies a batch's answers, attributes the members that get a row, and writes the rows by COPY. */
        private void write(List<List<Answer>> answers, ToAttribute toAttribute) {
            if (answers == null) return;
            long done = System.nanoTime();
            var written = new ArrayList<Answer>();
            for (var perMember : answers) {
                for (var a : perMember) {
                    var t = tallies.get(a.measureId());
                    t[0]++;
                    if (a.error() != null) t[5]++;
                    if (a.result() != null) {
                        t[1] += a.result().count("initial-population");
                        t[2] += a.result().count("denominator");
                        t[3] += a.result().count("denominator-exclusion");
                        t[4] += a.result().count("numerator");
                    }
                    if (informativeOnly && a.error() == null && !a.result().in("initial-population")) continue;
                    written.add(a);
                }
            }
            var attributed = attributions.attribute(
                    written.stream().map(a -> a.member().memberId()).distinct().toList(),
                    toAttribute.spans(),
                    toAttribute.visits());
            var rows = new ArrayList<Object[]>(written.size());
            for (var a : written) {
                rows.add(ResultRows.row(
                        runs.get(a.measureId()),
                        a.member(),
                        a.result(),
                        a.error(),
                        to,
                        attributed.get(a.member().memberId()),
                        a.months()));
            }
            template.execute((ConnectionCallback<Long>) c -> {
                try (var out = new CopyBinary(c, ResultRows.COPY_INTO, 21)) {
                    for (var row : rows) ResultRows.copy(out, row);
                    return out.finish();
                }
            });
            phases[2] += System.nanoTime() - done;
        }

        /**
         * The batch's claims; {@code work} gets the members to evaluate (in the plan view, continuously enrolled;
         * with a claim line in the period or clinical data).
         */
        private Map<String, List<ClaimResources.StoredClaim>> read(
                List<MemberResidence> members, List<MemberResidence> work) {
            if (members.isEmpty()) return Map.of();
            if (view == View.PLAN) {
                var spans = coverage.spans(
                        members.stream().map(MemberResidence::memberId).toList(), MeasureRuns.PURPOSE);
                members = members.stream()
                        .filter(m -> PlanPopulation.continuouslyEnrolled(
                                spans.getOrDefault(m.memberId(), List.of()), from, to))
                        .toList();
                if (members.isEmpty()) return Map.of();
            }
            var claims = claimsInOrder(members);
            int fromDay = (int) from.toEpochDay();
            int toDay = (int) to.toEpochDay();
            for (var m : members) {
                var own = claims.get(m.memberId());
                boolean inPeriod = own != null
                        && own.stream()
                                .anyMatch(c -> c.lines().stream()
                                        .anyMatch(l -> l.from() != null
                                                && l.from().toEpochDay() <= toDay
                                                && (l.to() != null ? l.to() : l.from()).toEpochDay() >= fromDay));
                if (inPeriod || withClinicalData.contains(m.memberId())) work.add(m);
            }
            return claims;
        }
    }

    /** A run's writer: one batch's results written at a time, beside the calling thread's reads. */
    private static final java.util.concurrent.ExecutorService WRITER =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    /** Two workers: the machine's cores. */
    private static final ForkJoinPool POOL =
            new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));

    /**
     * One member's answers to {@code measureIds} for the period, with each one's month mask: by our engine, or the CQL
     * reference engine for a measure it does not cover. The run's evaluation, and a recompute's ({@link
     * MemberRecompute}).
     */
    List<Answer> answers(
            MemberResidence m,
            List<ClaimResources.StoredClaim> claims,
            List<Resource> clinicalResources,
            List<String> measureIds,
            LocalDate from,
            LocalDate to) {
        var engine = engine();
        var record = engine.record(m.memberId(), m.birthDate(), m.sex(), !clinicalResources.isEmpty());
        ClaimRecords.fill(record, claims);
        FhirRecords.add(record, clinicalResources);
        var out = new ArrayList<Answer>(measureIds.size());
        List<Resource> fhir = null;
        var trends = new MonthMasks(engine, record, from, to);
        for (var id : measureIds) {
            try {
                if (engine.covers(id, record)) {
                    var answer = engine.evaluate(id, record, from, to);
                    out.add(new Answer(m, id, answer, null, trends.mask(id, answer)));
                } else {
                    if (fhir == null) {
                        fhir = new ArrayList<>(ClaimResources.of(summary(m), claims));
                        fhir.addAll(clinicalResources);
                    }
                    out.add(new Answer(m, id, reference(id, m.memberId(), fhir, from, to), null, null));
                }
            } catch (RuntimeException e) {
                out.add(new Answer(m, id, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null));
            }
        }
        return out;
    }

    /** The CQL reference engine, one member at a time per measure (its library manager is not shared safely). */
    private MeasurePopulations reference(
            String measureId, String memberId, List<Resource> fhir, LocalDate from, LocalDate to) {
        var evaluator = catalog.evaluator(measureId);
        synchronized (evaluator) {
            return evaluator.evaluate(memberId, fhir, from, to);
        }
    }

    /** A member looked up by id as a run streams them from coverage (the strata a result row keeps). */
    static MemberResidence residence(MemberSummary s) {
        return new MemberResidence(
                s.memberId(),
                s.zip(),
                s.spa(),
                s.rcacRegion(),
                null,
                null,
                s.spokenLanguage(),
                null,
                s.birthDate(),
                s.sex(),
                s.raceEthnicity());
    }

    static MemberSummary summary(MemberResidence m) {
        return new MemberSummary(
                m.memberId(),
                null,
                null,
                null,
                null,
                m.birthDate(),
                m.sex(),
                m.zip(),
                m.spa(),
                m.rcacRegion(),
                m.spokenLanguage(),
                null,
                m.raceEthnicity());
    }

    /**
     * The current claims of members given in member-id order (as coverage streams them): one binary COPY over their
     * id range ({@link ClaimCopy}).
     */
    private Map<String, List<ClaimResources.StoredClaim>> claimsInOrder(List<MemberResidence> members) {
        var asked = new HashSet<String>(members.size() * 2);
        for (var m : members) asked.add(m.memberId());
        var first = members.getFirst().memberId();
        var last = members.getLast().memberId();
        return template.execute((ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>)
                c -> ClaimCopy.read(c, first, last, asked));
    }
}
