package org.commonweal.quality.claims;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bench/quality/import-837.sh}: an embedded PostgreSQL (durable: fsync and synchronous commit on), the
 * application's migrations, {@code MEMBERS} members, a synthetic 837P of about {@code LINES} service lines
 * ({@link SyntheticClaims}, as {@code generate-837} writes it), the reader alone over it, then the import as the
 * application runs it; prints lines per second, peak heap and the machine.
 */
public final class Import837Benchmark {

    public static void main(String[] args) throws Exception {
        long target = Long.parseLong(args[0]);
        Path work = Path.of(args[1]);
        int memberCount = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Files.createDirectories(work);
        var heap = new AtomicLong();
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(
                "machine: %d cores, %.0f GB memory, max heap %d MB, load average %.2f%n",
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / 1e9,
                Runtime.getRuntime().maxMemory() >> 20,
                os.getSystemLoadAverage());
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            var hikari = new com.zaxxer.hikari.HikariDataSource();
            hikari.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            hikari.setMaximumPoolSize(4);
            Flyway.configure()
                    .dataSource(hikari)
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load()
                    .migrate();
            var jdbc = JdbcClient.create(hikari);
            jdbc.sql("""
                    insert into coverage.member (member_id, first_name, last_name, name_key, birth_date, sex)
                    select 'BM' || lpad(i::text, 9, '0'), 'FIRST' || i, 'LAST' || i, 'last' || i || ' first' || i,
                      date '1940-01-01' + (i * 7919 % 30000), case when i % 2 = 0 then 'F' else 'M' end
                    from generate_series(1, ?) i""").param(memberCount).update();
            var members = new ArrayList<SyntheticClaims.Member>();
            jdbc.sql("select member_id, birth_date, sex from coverage.member where member_id like 'BM%'")
                    .query(rs -> {
                        members.add(new SyntheticClaims.Member(
                                rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3)));
                    });

            Path file = work.resolve("bench.837");
            long t0 = System.nanoTime();
            long lines;
            int claims = (int) Math.max(1, Math.round(target / 1.136)); // the generator writes ~1.136 lines a claim
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                lines = new SyntheticClaims(1, 2026).write(members, claims, out);
            }
            System.out.printf(
                    "generate-837: %d claims, %d service lines, %d members, %.0f MB in %.1f s%n",
                    claims, lines, members.size(), Files.size(file) / 1e6, seconds(t0));

            t0 = System.nanoTime();
            int[] read = new int[2];
            try (var in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                new Claim837Parser(c -> read[0]++, r -> read[1]++).parse(in);
            }
            System.out.printf(
                    "read alone (no database): %d claims, %d rejects in %.1f s%n", read[0], read[1], seconds(t0));

            var importer = ClaimCrashMain.claimImport(hikari, 5_000);
            System.gc();
            heap.set(0);
            long cpu = os.getProcessCpuTime();
            long postmaster = Long.parseLong(Files.readAllLines(work.resolve("postgres/postmaster.pid"))
                    .get(0)
                    .strip());
            double pgCpu = postgresCpuSeconds(postmaster);
            t0 = System.nanoTime();
            var report = importer.importFile(file, "bench");
            double s = seconds(t0);
            System.out.printf(
                    "import-837: %d claims, %d service lines, %d rejected in %.1f s = %.0f lines/s; "
                            + "peak heap %d MB; importer CPU %.1f s; PostgreSQL CPU %.1f s; load average %.2f%n",
                    report.accepted(),
                    report.serviceLines(),
                    report.rejects().size(),
                    s,
                    report.serviceLines() / s,
                    heap.get() >> 20,
                    (os.getProcessCpuTime() - cpu) / 1e9,
                    postgresCpuSeconds(postmaster) - pgCpu,
                    os.getSystemLoadAverage());
            hikari.close();
        }
        sampler.interrupt();
    }

    /**
     * CPU (user + system) of the postmaster and its live children from {@code /proc}: the backends of the pool, the
     * WAL writer, checkpointer and background writer (an autovacuum worker that ended in between is not counted).
     */
    static double postgresCpuSeconds(long postmaster) throws java.io.IOException {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                String stat;
                try {
                    stat = Files.readString(proc.resolve("stat"));
                } catch (java.io.IOException e) {
                    continue; // ended meanwhile
                }
                // fields after the command (which may hold spaces): state ppid … utime (14) stime (15)
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long pid = Long.parseLong(name);
                if (pid == postmaster || Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks / 100.0;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
