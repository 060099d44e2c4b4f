package org.commonweal.quality.results;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.MeasurePackage;

/**
 * Our engine against the CQL reference engine in one run, in memory (no PostgreSQL): MEMBERS generated members (the
 * differential test's generator: claims on the measures' edges and codes of every value set; one member in 50 a
 * child of {@link Cms117Members}, with vaccines as claims and FHIR Immunizations), each member's record built from its
 * claims and clinical resources and every measure of {@link EcqmEngine#MEASURES} evaluated on the machine's cores; then the reference engine on the
 * first REFERENCE members, same measures, same cores. Prints members/s, total time, peak heap and the speed-up per
 * member. Generation is not timed. Usage (bench/quality/run.sh): {@code MeasureEngineBenchmark CONTENT MEMBERS REFERENCE}.
 */
public final class MeasureEngineBenchmark {

    public static void main(String[] args) throws Exception {
        var content = Path.of(args.length > 0 ? args[0] : "../shared/quality/ecqm");
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int referenceMembers = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int cores = Runtime.getRuntime().availableProcessors();
        var pool = new ForkJoinPool(cores);
        var engine = EcqmEngine.load(content);
        var pools = OwnEngineDifferentialTests.codePools(content);
        var children = Cms117Members.codes(content); // CMS117: one member in 50 a child with its vaccines
        var random = new Random(42);
        var measures = EcqmEngine.MEASURES;
        var ip = new AtomicLong();
        long nanos = 0;
        var sample = new ArrayList<OwnEngineDifferentialTests.Generated>();
        for (int done = 0; done < members; done += 10_000) {
            var chunk = new ArrayList<OwnEngineDifferentialTests.Generated>();
            for (int i = done; i < Math.min(members, done + 10_000); i++) {
                chunk.add(
                        i % 50 == 49
                                ? Cms117Members.generate(i, random, children)
                                : OwnEngineDifferentialTests.generate(i, random, pools));
            }
            if (sample.size() < referenceMembers) {
                sample.addAll(chunk.subList(0, Math.min(chunk.size(), referenceMembers - sample.size())));
            }
            long t0 = System.nanoTime();
            pool.submit(() -> chunk.parallelStream().forEach(g -> {
                        var record = engine.record(
                                g.summary().memberId(),
                                g.summary().birthDate(),
                                g.summary().sex(),
                                !g.clinical().isEmpty());
                        ClaimRecords.fill(record, g.claims());
                        FhirRecords.add(record, g.clinical());
                        for (var id : measures) {
                            if (engine.evaluate(
                                            id,
                                            record,
                                            OwnEngineDifferentialTests.START,
                                            OwnEngineDifferentialTests.END)
                                    .in("initial-population")) ip.incrementAndGet();
                        }
                    }))
                    .get();
            nanos += System.nanoTime() - t0;
        }
        double seconds = nanos / 1e9;
        System.out.printf(
                "our engine: %,d members x %d measures in %.2f s on %d cores = %,.0f members/s"
                        + " (%.1f µs per member, all measures; %,d initial-population memberships)%n",
                members, measures.size(), seconds, cores, members / seconds, nanos / 1e3 / members, ip.get());

        var references = new ArrayList<List<CqlMeasureEvaluator>>();
        for (var id : measures) {
            var pkg = MeasurePackage.read(
                    content.resolve(id), List.of(content.resolve("_shared/ecqm-content-cms-2025/libraries")));
            var perCore = new ArrayList<CqlMeasureEvaluator>();
            for (int c = 0; c < cores; c++) perCore.add(new CqlMeasureEvaluator(pkg));
            references.add(perCore);
        }
        long r0 = System.nanoTime();
        pool.submit(() -> java.util.stream.IntStream.range(0, cores).parallel().forEach(core -> {
                    for (int i = core; i < sample.size(); i += cores) {
                        var g = sample.get(i);
                        var fhir = new ArrayList<org.hl7.fhir.r4.model.Resource>(
                                ClaimResources.of(g.summary(), g.claims()));
                        fhir.addAll(g.clinical());
                        for (int m = 0; m < measures.size(); m++) {
                            references
                                    .get(m)
                                    .get(core)
                                    .evaluate(
                                            g.summary().memberId(),
                                            fhir,
                                            OwnEngineDifferentialTests.START,
                                            OwnEngineDifferentialTests.END);
                        }
                    }
                }))
                .get();
        long referenceNanos = System.nanoTime() - r0;
        double perMemberOurs = nanos / 1e3 / members;
        double perMemberReference = referenceNanos / 1e3 / sample.size();
        System.out.printf(
                "reference engine: %,d members x %d measures in %.2f s on %d cores = %,.0f members/s"
                        + " (%.0f µs per member)%n",
                sample.size(),
                measures.size(),
                referenceNanos / 1e9,
                cores,
                sample.size() / (referenceNanos / 1e9),
                perMemberReference);
        System.out.printf("speed-up per member: %.0fx%n", perMemberReference / perMemberOurs);
        long peak = 0;
        for (var p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        }
        System.out.printf(
                "heap: peak %,d MB of max %,d MB%n",
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        pool.shutdown();
    }
}
