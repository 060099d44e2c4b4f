package org.commonweal.quality.results;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Random;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MemberRecord;
import org.commonweal.quality.engine.MonthMasks;
import org.commonweal.quality.measure.PublishedMeasureContent;

/**
 * The cost of the trend by month in our engine, per member, in memory: the generated members of
 * {@link OwnEngineDifferentialTests} (claims, a share with published cases' clinical data), every measure of
 * {@link EcqmEngine#MEASURES} evaluated as {@code OwnEngineRuns.answers} does, without and with the month masks
 * ({@link MonthMasks}), on one thread, in thread CPU time (so a shared machine's load does not count).
 *
 * <pre>java -cp … org.commonweal.quality.results.MonthMasksBenchmark [MEMBERS (default 20000)] [ROUNDS (default 5)]</pre>
 */
public final class MonthMasksBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        var content = PublishedMeasureContent.folder();
        var engine = EcqmEngine.load(content);
        var pools = OwnEngineDifferentialTests.codePools(content);
        var fragments = OwnEngineDifferentialTests.clinicalFragments();
        var random = new Random(20261206);
        var members = new ArrayList<OwnEngineDifferentialTests.Generated>();
        for (int i = 0; i < n; i++) {
            var base = i % 4 == 0
                    ? OwnEngineDifferentialTests.edge(i, random, pools)
                    : OwnEngineDifferentialTests.generate(i, random, pools);
            members.add(
                    i % 10 == 0
                            ? OwnEngineDifferentialTests.withClinical(
                                    base, fragments.get(random.nextInt(fragments.size())), random)
                            : base);
        }
        var start = OwnEngineDifferentialTests.START;
        var end = OwnEngineDifferentialTests.END;
        var threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            long[] cpu = new long[2];
            long masks = 0, eligible = 0;
            for (int with = 0; with < 2; with++) {
                long t0 = threads.getCurrentThreadCpuTime();
                for (var m : members) {
                    MemberRecord record = engine.record(
                            m.summary().memberId(),
                            m.summary().birthDate(),
                            m.summary().sex(),
                            !m.clinical().isEmpty());
                    ClaimRecords.fill(record, m.claims());
                    FhirRecords.add(record, m.clinical());
                    var trends = with == 1 ? new MonthMasks(engine, record, start, end) : null;
                    for (var id : EcqmEngine.MEASURES) {
                        var answer = engine.evaluate(id, record, start, end);
                        if (trends != null) {
                            var mask = trends.mask(id, answer);
                            if (mask != null) {
                                eligible++;
                                masks += Integer.bitCount(mask);
                            }
                        }
                    }
                }
                cpu[with] = threads.getCurrentThreadCpuTime() - t0;
            }
            System.out.printf(
                    "round %d: %,d members x %d measures, one thread CPU: without trends %.1f µs/member, with %.1f"
                            + " µs/member (trends +%.1f µs/member); %,d eligible member-measures, %,d member-months"
                            + " met%n",
                    round + 1,
                    members.size(),
                    EcqmEngine.MEASURES.size(),
                    cpu[0] / 1e3 / members.size(),
                    cpu[1] / 1e3 / members.size(),
                    (cpu[1] - cpu[0]) / 1e3 / members.size(),
                    eligible,
                    masks);
        }
    }
}
