package org.commonweal.quality.results;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.commonweal.CommonwealApplication;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.measure.MeasurePopulations;
import org.commonweal.quality.supplemental.SupplementalCsv;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/quality/full.sh}: the measures run as the application runs it, through PostgreSQL, on the data
 * directory {@code COMMONWEAL_DATA_DIR} (the application in command mode, no web server). Modes:
 *
 * <ul>
 *   <li>{@code supplemental OUT SHARE}: writes a lab CSV (HbA1c for adults 18–75, chlamydia tests for women 16–24)
 *       and an immunization CSV (children under 3) for about SHARE of the members they fit, in the documented
 *       layouts, and imports them with {@link SupplementalCsv}, as {@code import-supplemental} does;
 *   <li>{@code care DIR}: imports what {@code generate-837 --kind care} wrote there ({@code labs-2026-k.csv},
 *       {@code immunizations-2026-k.csv} with {@link SupplementalCsv}, {@code clinical-2026-k.ndjson} with {@link
 *       ClinicalImport}) in parts of 100,000 lines (a member's lines kept together), so no part holds more than
 *       a few hundred MB of resources; each part is its own clinical source;
 *   <li>{@code run REFERENCE RECOMPUTE}: the data's size, then {@link OwnEngineRuns#run} of every measure of
 *       {@link EcqmEngine#MEASURES} for the year, timed end to end with its phases, peak heap and load average; then
 *       the CQL reference engine on REFERENCE members of the same run (their claims and clinical data read the same
 *       way), our engine on the same members, and the speed-up per member; then RECOMPUTE members recomputed one at a
 *       time ({@link MemberRecompute#recompute(String)}), median and max.
 * </ul>
 */
public final class QualityFullBenchmark {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);
    private static final String[] POPULATIONS = {
        "initial-population", "denominator", "denominator-exclusion", "denominator-exception", "numerator"
    };

    /** The application as its commands start it: no web server, no schedules, on {@code COMMONWEAL_DATA_DIR}. */
    public static ConfigurableApplicationContext commandContext() {
        var app = new SpringApplication(CommonwealApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setDefaultProperties(Map.of(
                "commonweal.command-mode", "true",
                "commonweal.scheduling.enabled", "false",
                "spring.main.banner-mode", "off"));
        return app.run();
    }

    public static void main(String[] args) throws Exception {
        try (var context = commandContext()) {
            switch (args[0]) {
                case "supplemental" ->
                    supplemental(
                            context.getBean(Coverage.class),
                            context.getBean(SupplementalCsv.class),
                            Path.of(args[1]),
                            Double.parseDouble(args[2]));
                case "care" ->
                    care(
                            context.getBean(SupplementalCsv.class),
                            context.getBean(ClinicalImport.class),
                            Path.of(args[1]));
                case "run" ->
                    run(
                            context.getBean(OwnEngineRuns.class),
                            context.getBean(MemberRecompute.class),
                            context.getBean(Coverage.class),
                            context.getBean(JdbcClient.class),
                            context.getBean(ClinicalImport.class),
                            context.getBean(MeasureCatalog.class),
                            Integer.parseInt(args[1]),
                            Integer.parseInt(args[2]));
                case "sample" -> {
                    // the comparison alone, on the runs of an earlier (or interrupted) benchmark run
                    var jdbc = context.getBean(JdbcClient.class);
                    var runIds =
                            Arrays.stream(args[3].split(",")).map(Long::valueOf).toArray(Long[]::new);
                    compare(
                            context.getBean(OwnEngineRuns.class),
                            context.getBean(MemberRecompute.class),
                            context.getBean(Coverage.class),
                            jdbc,
                            context.getBean(ClinicalImport.class),
                            context.getBean(MeasureCatalog.class),
                            runIds,
                            Integer.parseInt(args[1]),
                            Integer.parseInt(args[2]),
                            0);
                }
                case "read" ->
                    read(
                            context.getBean(OwnEngineRuns.class),
                            context.getBean(Coverage.class),
                            context.getBean(org.springframework.jdbc.core.JdbcTemplate.class));
                default ->
                    throw new IllegalArgumentException("mode: supplemental, care, run, sample or read, not " + args[0]);
            }
        }
        System.exit(0);
    }

    /**
     * {@code read}: the claims of every active member read in the run's batches (5,000 members in member order) both
     * ways, alternating per batch so both see the same load: the JDBC query by member-id array the runs used until
     * session 9 ({@link ClaimsByArray#claims}) and the binary COPY over the batch's member-id range ({@link
     * ClaimCopy}); checks they give the same claims, prints service lines per second of each and the plans of the
     * middle batch's two queries.
     */
    private static void read(
            OwnEngineRuns runs, Coverage coverage, org.springframework.jdbc.core.JdbcTemplate template) {
        var batches = new ArrayList<List<String>>();
        var batch = new ArrayList<String>();
        coverage.forEachActiveMember(TO, "quality: benchmark claim read", m -> {
            batch.add(m.memberId());
            if (batch.size() == OwnEngineRuns.BATCH) {
                batches.add(List.copyOf(batch));
                batch.clear();
            }
        });
        if (!batch.isEmpty()) batches.add(List.copyOf(batch));
        long[] nanos = new long[2];
        long lines = 0, claims = 0, members = 0;
        for (int i = 0; i < batches.size(); i++) {
            var b = batches.get(i);
            var asked = new java.util.HashSet<>(b);
            Map<String, List<ClaimResources.StoredClaim>> byArray = null, byCopy = null;
            // each way first on every other batch: neither always finds the pages the other has just read
            for (int way : i % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
                long t0 = System.nanoTime();
                if (way == 0) byArray = ClaimsByArray.claims(JdbcClient.create(template), b.toArray(String[]::new));
                else
                    byCopy = template.execute((org.springframework.jdbc.core.ConnectionCallback<
                                    Map<String, List<ClaimResources.StoredClaim>>>)
                            c -> ClaimCopy.read(c, b.getFirst(), b.getLast(), asked));
                nanos[way] += System.nanoTime() - t0;
            }
            if (!byArray.equals(byCopy)) throw new IllegalStateException("the two reads differ in a batch");
            members += b.size();
            for (var own : byCopy.values()) {
                claims += own.size();
                for (var c : own) lines += Math.max(1, c.lines().size());
            }
        }
        System.out.printf(
                "read: %,d members in %d batches, %,d claims, %,d rows (service lines; a claim without lines 1)%n",
                members, batches.size(), claims, lines);
        System.out.printf(
                "  by member-id array (JDBC, text): %.1f s, %,.0f rows/s%n", nanos[0] / 1e9, lines / (nanos[0] / 1e9));
        System.out.printf(
                "  by member-id range (binary COPY): %.1f s, %,.0f rows/s%n", nanos[1] / 1e9, lines / (nanos[1] / 1e9));
        var middle = batches.get(batches.size() / 2);
        var array = "{" + String.join(",", middle) + "}";
        for (var sql : List.of(
                ClaimCopy.select(middle.getFirst(), middle.getLast()),
                // the query of ClaimsByArray.claims (the runs' read until session 9)
                """
                select c.member_id, c.id, c.claim_number, c.form, c.statement_from, c.statement_to, c.diagnoses,
                  c.icd10_procedures, l.line_number, l.service_from, l.service_to, l.procedure_code
                from quality.claim c left join quality.service_line l on l.claim_id = c.id
                where c.member_id = any(%s::text[]) and c.status = 'current' order by c.member_id, c.id, l.line_number""".formatted(ClaimCopy.literal(array)))) {
            System.out.println("plan:");
            template.query("explain (analyze, buffers) " + sql, rs -> {
                var line = rs.getString(1);
                System.out.println("  " + (line.length() > 160 ? line.substring(0, 160) + "…" : line));
            });
        }
    }

    private static void supplemental(Coverage coverage, SupplementalCsv csv, Path out, double share) throws Exception {
        Files.createDirectories(out);
        var random = new Random(21);
        var labs = out.resolve("labs-2026.csv");
        var immunizations = out.resolve("immunizations-2026.csv");
        long[] written = new long[2];
        try (BufferedWriter l = Files.newBufferedWriter(labs, StandardCharsets.UTF_8);
                BufferedWriter i = Files.newBufferedWriter(immunizations, StandardCharsets.UTF_8)) {
            l.write("member_id,cin,loinc,value,unit,collected_on,performing_org\n");
            i.write("member_id,cin,cvx,given_on,lot,performing_org\n");
            coverage.forEachActiveMember(TO, "quality: benchmark supplemental data", m -> {
                if (m.birthDate() == null) return;
                int age = Period.between(m.birthDate(), TO).getYears();
                try {
                    if (age >= 18 && age <= 75 && random.nextDouble() < share) {
                        // an HbA1c result: some above 9 %, some below
                        l.write(m.memberId() + ",,4548-4," + (5 + random.nextInt(70) / 10.0) + ",%," + day(random)
                                + ",Bench Lab\n");
                        written[0]++;
                    }
                    if ("F".equals(m.sex()) && age >= 16 && age <= 24 && random.nextDouble() < share * 3) {
                        l.write(m.memberId() + ",,21613-5,Negative,," + day(random) + ",Bench Lab\n");
                        written[0]++;
                    }
                    if (age <= 2 && random.nextDouble() < share * 5) {
                        for (var cvx : List.of("20", "20", "20", "10", "10", "03", "49", "08", "21", "133")) {
                            i.write(m.memberId() + ",," + cvx + "," + day(random) + ",LOT" + random.nextInt(9999)
                                    + ",Bench Registry\n");
                            written[1]++;
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        System.out.printf("written: %,d lab lines, %,d immunization lines%n", written[0], written[1]);
        long t0 = System.nanoTime();
        try (var in = Files.newBufferedReader(labs)) {
            var report = csv.importLabs(in, labs.getFileName().toString(), "bench/quality/full.sh");
            System.out.printf(
                    "labs: %,d stored for %,d members, %d rejected in %.1f s%n",
                    report.stored(), report.members(), report.rejects().size(), seconds(t0));
        }
        t0 = System.nanoTime();
        try (var in = Files.newBufferedReader(immunizations)) {
            var report = csv.importImmunizations(in, immunizations.getFileName().toString(), "bench/quality/full.sh");
            System.out.printf(
                    "immunizations: %,d stored for %,d members, %d rejected in %.1f s%n",
                    report.stored(), report.members(), report.rejects().size(), seconds(t0));
        }
    }

    /** Lines a part of {@code care}'s imports (property {@code quality.part} to try the parts on a small set). */
    static final int PART = Integer.getInteger("quality.part", 100_000);

    private static void care(SupplementalCsv csv, ClinicalImport clinical, Path dir) throws Exception {
        for (var name : List.of("labs-2026-k.csv", "immunizations-2026-k.csv", "clinical-2026-k.ndjson")) {
            var file = dir.resolve(name);
            long t0 = System.nanoTime();
            int parts = 0, stored = 0, rejected = 0;
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                boolean ndjson = name.endsWith(".ndjson");
                var header = ndjson ? "" : in.readLine() + "\n";
                var part = new StringBuilder(header);
                int lines = 0;
                String previous = null;
                for (String line = in.readLine(); ; line = in.readLine()) {
                    // a part ends at PART lines, at the next member's first line (a Patient, or another member id)
                    String member = line == null
                            ? null
                            : ndjson
                                    ? (line.startsWith("{\"resourceType\":\"Patient\"") ? line : previous)
                                    : line.substring(0, line.indexOf(','));
                    boolean next = line == null || lines >= PART && !java.util.Objects.equals(member, previous);
                    if (next && lines > 0) {
                        parts++;
                        var partName = name + "#" + parts;
                        if (ndjson) {
                            var report = clinical.importNdjson(
                                    new java.io.ByteArrayInputStream(
                                            part.toString().getBytes(StandardCharsets.UTF_8)),
                                    partName,
                                    "bench/quality/full.sh");
                            stored += report.stored();
                            rejected += report.rejects().size();
                        } else {
                            var reader = new java.io.StringReader(part.toString());
                            var report = name.startsWith("labs")
                                    ? csv.importLabs(reader, partName, "bench/quality/full.sh")
                                    : csv.importImmunizations(reader, partName, "bench/quality/full.sh");
                            stored += report.stored();
                            rejected += report.rejects().size();
                        }
                        part.setLength(0);
                        part.append(header);
                        lines = 0;
                    }
                    if (line == null) break;
                    part.append(line).append('\n');
                    lines++;
                    previous = member;
                }
            }
            System.out.printf(
                    "%s: %,d stored, %,d rejected, in %d parts, %.1f s%n", name, stored, rejected, parts, seconds(t0));
        }
    }

    /** A day of the first 300 of the year, never after today. */
    private static LocalDate day(Random random) {
        var day = FROM.plusDays(random.nextInt(300));
        return day.isAfter(LocalDate.now()) ? LocalDate.now() : day;
    }

    private static void run(
            OwnEngineRuns runs,
            MemberRecompute recompute,
            Coverage coverage,
            JdbcClient jdbc,
            ClinicalImport clinical,
            MeasureCatalog catalog,
            int referenceMembers,
            int recomputes)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                "machine: %d cores, %.0f GB memory, max heap %,d MB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / 1e9,
                Runtime.getRuntime().maxMemory() >> 20,
                os.getSystemLoadAverage());
        long lines = jdbc.sql("""
                select count(*) from quality.service_line l join quality.claim c on c.id = l.claim_id
                where c.status = 'current'""").query(Long.class).single();
        long claims = jdbc.sql("select count(*) from quality.claim where status = 'current'")
                .query(Long.class)
                .single();
        var clinicalCounts = jdbc.sql("""
                select s.format, count(*) from quality.clinical_resource r
                join quality.clinical_source s on s.id = r.source_id where s.status = 'imported'
                group by s.format order by 1""")
                .query((rs, n) -> rs.getString(1) + " " + String.format("%,d", rs.getLong(2)))
                .list();
        // 1: claims and lines in member order (compact-claims); about 0: in arrival order
        var order = jdbc.sql("""
                select correlation from pg_stats
                where schemaname = 'quality' and tablename = 'claim' and attname = 'member_id'""").query(Double.class).optional().orElse(null);
        System.out.printf(
                "data: %,d current claims, %,d service lines; clinical resources by source: %s; claims' order by member"
                        + " (pg_stats correlation) %s%n",
                claims, lines, clinicalCounts, order);

        // a server has loaded the engine (its value sets) at its first run; timed apart
        long e0 = System.nanoTime();
        runs.engine();
        System.out.printf("engine loaded (value sets from the measure content) in %.1f s%n", seconds(e0));

        var heap = new AtomicLong();
        var load = new AtomicLong();
        var sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                load.accumulateAndGet(Math.round(os.getSystemLoadAverage() * 100), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        System.gc();
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) p.resetPeakUsage();
        heap.set(0);
        double loadBefore = os.getSystemLoadAverage();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        var summaries = runs.run(EcqmEngine.MEASURES, FROM, TO, "bench/quality/full.sh");
        double seconds = seconds(t0);
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        int members = summaries.isEmpty() ? 0 : summaries.get(0).members();
        System.out.printf(
                "our engine through PostgreSQL: %d measures %s, %,d members evaluated, %,d service lines, in %.1f s"
                        + " = %,.0f members/s (JVM CPU %.1f s); peak heap %,d MB (pools) / %,d MB (sampled) of %,d MB;"
                        + " load average %.2f before, max %.2f during%n",
                summaries.size(),
                EcqmEngine.MEASURES,
                members,
                lines,
                seconds,
                members / seconds,
                cpu,
                peak >> 20,
                heap.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20,
                loadBefore,
                load.get() / 100.0);
        System.out.println("phases (ms): " + runs.lastPhases());
        for (var s : summaries) {
            System.out.printf(
                    "  %s: run %d, members %,d, initial population %,d, denominator %,d, exclusions %,d,"
                            + " numerator %,d, errors %d%n",
                    s.measureId(),
                    s.runId(),
                    s.members(),
                    s.initialPopulation(),
                    s.denominator(),
                    s.exclusions(),
                    s.numerator(),
                    s.errors());
        }

        compare(
                runs,
                recompute,
                coverage,
                jdbc,
                clinical,
                catalog,
                summaries.stream().map(MeasureRuns.RunSummary::runId).toArray(Long[]::new),
                referenceMembers,
                recomputes,
                seconds * 1e6 / Math.max(1, members));
        System.out.printf("load average at the end %.2f%n", os.getSystemLoadAverage());
        sampler.interrupt();
    }

    /**
     * The CQL reference engine and ours on the first {@code referenceMembers} members of the runs in an initial
     * population, then {@code recomputes} of them recomputed; {@code endToEndMicros} is the run's time a member (0:
     * not timed here).
     */
    static void compare(
            OwnEngineRuns runs,
            MemberRecompute recompute,
            Coverage coverage,
            JdbcClient jdbc,
            ClinicalImport clinical,
            MeasureCatalog catalog,
            Long[] runIds,
            int referenceMembers,
            int recomputes,
            double endToEndMicros) {
        var sample = jdbc.sql("""
                select member_id from quality.measure_result where run_id = any(?) and initial_population
                group by member_id order by member_id limit ?""")
                .params(runIds, referenceMembers)
                .query(String.class)
                .list();
        var engine = runs.engine();
        var byMember = ClaimsByArray.claims(jdbc, sample.toArray(String[]::new));
        var withClinical = new java.util.HashSet<>(clinical.members());
        long ours = 0;
        long reference = 0;
        int differences = 0;
        for (var memberId : sample) {
            var summary = coverage.findMember(memberId, MeasureRuns.PURPOSE).orElseThrow();
            var own = byMember.getOrDefault(memberId, List.of());
            List<Resource> clinicalResources =
                    withClinical.contains(memberId) ? clinical.resources(memberId) : List.of();
            long a = System.nanoTime();
            var record = engine.record(memberId, summary.birthDate(), summary.sex(), !clinicalResources.isEmpty());
            ClaimRecords.fill(record, own);
            FhirRecords.add(record, clinicalResources);
            var mine = new LinkedHashMap<String, MeasurePopulations>();
            for (var id : EcqmEngine.MEASURES) mine.put(id, engine.evaluate(id, record, FROM, TO));
            long b = System.nanoTime();
            var fhir = new ArrayList<Resource>(ClaimResources.of(summary, own));
            fhir.addAll(clinicalResources);
            for (var id : EcqmEngine.MEASURES) {
                var theirs = catalog.evaluator(id).evaluate(memberId, fhir, FROM, TO);
                if (!Arrays.stream(POPULATIONS)
                        .allMatch(p -> theirs.in(p) == mine.get(id).in(p))) differences++;
            }
            long c = System.nanoTime();
            ours += b - a;
            reference += c - b;
        }
        double oursPerMember = ours / 1e3 / Math.max(1, sample.size());
        double referencePerMember = reference / 1e3 / Math.max(1, sample.size());
        double endToEndPerMember = endToEndMicros;
        System.out.printf(
                "CQL reference engine: %,d of the same members x %d measures in %.1f s, one thread = %.0f µs per member"
                        + " (our engine on them, one thread, in memory: %.0f µs; %d member-measures differ)%n",
                sample.size(),
                EcqmEngine.MEASURES.size(),
                reference / 1e9,
                referencePerMember,
                oursPerMember,
                differences);
        System.out.printf(
                "speed-up per member: %,.0fx in memory, one thread each%n", referencePerMember / oursPerMember);
        if (endToEndPerMember > 0)
            System.out.printf(
                    "speed-up per member against our whole run through PostgreSQL (%.1f µs a member, 2 cores): %,.0fx%n",
                    endToEndPerMember, referencePerMember / endToEndPerMember);

        var times = new ArrayList<Double>();
        for (int k = 0; k < Math.min(recomputes, sample.size()); k++) {
            var memberId = sample.get((int) ((long) k * sample.size() / Math.max(1, recomputes)));
            long r0 = System.nanoTime();
            recompute.recompute(memberId);
            times.add((System.nanoTime() - r0) / 1e6);
        }
        var sorted = times.stream().sorted().toList();
        if (!sorted.isEmpty()) {
            System.out.printf(
                    "one member recomputed (MemberRecompute.recompute, %d measures' latest runs, %d members):"
                            + " median %.1f ms, max %.1f ms (first %.1f ms)%n",
                    EcqmEngine.MEASURES.size(),
                    sorted.size(),
                    sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1),
                    times.get(0));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
