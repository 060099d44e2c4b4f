package org.commonweal.quality.supplemental;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Random;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.results.OwnEngineRuns;
import org.commonweal.quality.results.QualityFullBenchmark;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/quality/supplemental.sh}: a lab CSV of ROWS lines (HbA1c results, four per member, for the first
 * active members 18–75) imported by {@link SupplementalCsv#importLabs} as {@code import-supplemental} does, on the
 * data directory {@code COMMONWEAL_DATA_DIR}, timed with the members' recompute in the latest runs (every measure
 * run once first if it has none); then the file withdrawn (its members recomputed again), so the data set can be
 * measured again.
 */
public final class SupplementalImportBenchmark {

    private static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    private static final LocalDate TO = LocalDate.of(2026, 12, 31);

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        var out = Path.of(args.length > 1 ? args[1] : "target/bench-supplemental");
        try (var context = QualityFullBenchmark.commandContext()) {
            var jdbc = context.getBean(JdbcClient.class);
            long finished = jdbc.sql("select count(distinct measure_id) from quality.measure_run"
                            + " where finished_at is not null")
                    .query(Long.class)
                    .single();
            if (finished < EcqmEngine.MEASURES.size()) {
                long t0 = System.nanoTime();
                context.getBean(OwnEngineRuns.class).run(EcqmEngine.MEASURES, FROM, TO, "bench");
                System.out.printf("measures run first: %.1f s%n", seconds(t0));
            }
            var members = new ArrayList<String>();
            context.getBean(Coverage.class).forEachActiveMember(TO, "quality: benchmark supplemental import", m -> {
                if (m.birthDate() == null || members.size() * 4 >= rows) return;
                int age = Period.between(m.birthDate(), TO).getYears();
                if (age >= 18 && age <= 75) members.add(m.memberId());
            });
            Files.createDirectories(out);
            var file = out.resolve("labs-" + rows + ".csv");
            var random = new Random(10_000);
            int written = 0;
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                w.write("member_id,cin,loinc,value,unit,collected_on,performing_org\n");
                for (int i = 0; written < rows; i++, written++) {
                    w.write(members.get(i % members.size()) + ",,4548-4," + (5 + random.nextInt(70) / 10.0) + ",%,"
                            + FROM.plusDays(random.nextInt(300)) + ",Bench Lab\n");
                }
            }
            var csv = context.getBean(SupplementalCsv.class);
            System.out.printf(
                    "%s: %,d lines for %,d members; %d cores, load average %.2f%n",
                    file,
                    written,
                    members.size(),
                    Runtime.getRuntime().availableProcessors(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            long t0 = System.nanoTime();
            SupplementalCsv.Report report;
            try (var in = Files.newBufferedReader(file)) {
                report = csv.importLabs(in, file.getFileName().toString(), "bench/quality/supplemental.sh");
            }
            System.out.printf(
                    "import with recompute: %,d stored for %,d members, %d rejected in %.1f s (load %.2f)%n",
                    report.stored(),
                    report.members(),
                    report.rejects().size(),
                    seconds(t0),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            t0 = System.nanoTime();
            int recomputed = context.getBean(ClinicalSources.class).withdraw(report.sourceId(), "bench");
            System.out.printf(
                    "withdrawn, %,d members recomputed in %.1f s (load %.2f)%n",
                    recomputed,
                    seconds(t0),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
