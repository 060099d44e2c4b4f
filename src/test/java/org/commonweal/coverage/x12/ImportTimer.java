package org.commonweal.coverage.x12;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.commonweal.demo.DemoPeople;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A/B harness for the 834 apply (not a test): writes a change file of N new members ({@code 021}, ids PREFIX1…PREFIXN)
 * and imports it into an existing database with {@link Enrollment834Import}, printing wall time and the importer's
 * CPU time. Run it with the classes of two commits against the same database to compare them close together.
 * Usage: {@code ImportTimer JDBC_URL PREFIX N CHUNK}.
 */
public final class ImportTimer {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        LocalDate date = LocalDate.of(2026, 11, 1);
        List<ZipArea> zips = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                ImportTimer.class.getClassLoader().getResourceAsStream("geography/la-county-zips.csv"),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", -1);
                zips.add(new ZipArea(
                        f[0],
                        new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                        f[3],
                        f[4],
                        Integer.parseInt(f[5]),
                        Integer.parseInt(f[6]),
                        Integer.parseInt(f[7])));
            }
        }
        var synthetic = new SyntheticMembers(new DemoPeople(zips, date), 2026, date);
        int members = Integer.parseInt(args[2]);
        Path file = Files.createTempFile("import-timer-" + args[1], ".834");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var writer = new Enrollment834Writer(out, date, "LACARE", "L.A. CARE HEALTH PLAN");
            writer.begin(ThreadLocalRandom.current().nextInt(1, 999_999_999), false);
            for (int i = 1; i <= members; i++) {
                writer.member(synthetic.member(i, args[1] + i, "021"));
            }
            writer.end();
        }
        var importer = new Enrollment834Import(
                dataSource,
                jdbc,
                CrashImportMain.zipCentroidsFor(),
                new CrashImportMainAudit(jdbc),
                new X12ControlNumbers(jdbc),
                new TradingPartners(jdbc),
                "auto",
                Integer.parseInt(args[3]));
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        ImportReport report = importer.importFile(file, file.getFileName().toString(), "import-timer", true, r -> {});
        System.out.printf(
                "%s: %d transactions in %.1f s wall, importer CPU %.1f s%n",
                report.status(),
                report.transactions(),
                (System.nanoTime() - start) / 1e9,
                (os.getProcessCpuTime() - cpu) / 1e9);
        Files.delete(file);
    }
}
