package org.commonweal.coverage.x12;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.commonweal.demo.DemoPeople;
import org.commonweal.geography.ZipArea;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The coverage benchmark (run by bench/coverage/run.sh, not a test): on its own embedded PostgreSQL, writes a full 834
 * of N members, imports it (timed, heap sampled), COPYs the same rows into the same tables (timed), imports a change
 * file, writes a 270 batch, then keeps the database up for the HTTP part of the script.
 */
public final class CoverageBenchmark {

    public static void main(String[] args) throws Exception {
        int members = Integer.parseInt(args[0]);
        int changes = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        Files.createDirectories(work);
        LocalDate date = LocalDate.of(2026, 11, 1);
        var heap = new AtomicLong();
        Thread sampler = new Thread(() -> {
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
        sampler.setDaemon(true);
        sampler.start();

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("shared_buffers", "512MB")
                // durable like production (the embedded binaries otherwise start with -F and asynchronous commit)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start()) {
            // pooled like the application (Hikari): an unpooled source forks a backend per chunk and per progress read
            var hikari = new com.zaxxer.hikari.HikariDataSource();
            hikari.setJdbcUrl(pg.getJdbcUrl("postgres", "postgres"));
            hikari.setMaximumPoolSize(4);
            javax.sql.DataSource dataSource = hikari;
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            var zips = jdbc.sql(
                            "select zip, latitude, longitude, city, county_fips, spa, rcac_region, population_weight "
                                    + "from geography.zip_area")
                    .query((rs, n) -> new ZipArea(
                            rs.getString(1),
                            new org.commonweal.geography.GeoPoint(rs.getDouble(2), rs.getDouble(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getInt(8)))
                    .list();
            if (zips.isEmpty()) {
                zips = loadZips(jdbc);
            }
            var synthetic = new SyntheticMembers(new DemoPeople(zips, date), 2026, date);

            Path full = work.resolve("full.834");
            long t0 = System.nanoTime();
            try (BufferedWriter out = Files.newBufferedWriter(full, StandardCharsets.UTF_8)) {
                var writer = new Enrollment834Writer(out, date, "LACARE", "L.A. CARE HEALTH PLAN");
                writer.begin(1001, true);
                for (int i = 1; i <= members; i++) {
                    writer.member(synthetic.member(i));
                }
                writer.end();
            }
            System.out.printf(
                    "generate full 834: %d members, %.0f MB in %.1f s%n", members, Files.size(full) / 1e6, seconds(t0));

            // the two tokenizers alone over the same file, no database: StAEDI (SegmentReader) and ours
            for (String name : List.of("StAEDI", "X12Tokenizer", "StAEDI", "X12Tokenizer")) {
                t0 = System.nanoTime();
                long segments = 0;
                try (var in = Files.newInputStream(full);
                        SegmentSource source = name.equals("StAEDI")
                                ? new SegmentReader(new java.io.BufferedInputStream(in, 1 << 16))
                                : new X12Tokenizer(in)) {
                    while (source.next() != null) {
                        segments++;
                    }
                }
                System.out.printf("tokenize full 834 with %s: %d segments in %.1f s%n", name, segments, seconds(t0));
            }

            var audit = new CrashImportMainAudit(jdbc);
            var geocoder = CrashImportMain.zipCentroidsFor();
            var importer = new Enrollment834Import(
                    dataSource,
                    jdbc,
                    geocoder,
                    audit,
                    new X12ControlNumbers(jdbc),
                    new TradingPartners(jdbc),
                    "auto",
                    5000);
            heap.set(0);
            System.gc();
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long postmaster = postmasterPid(work.resolve("postgres"));
            long jvmCpu = os.getProcessCpuTime();
            double pgCpu = postgresCpuSeconds(postmaster);
            t0 = System.nanoTime();
            var pgBefore = postgresCpuByProcess(postmaster);
            ImportReport report = importer.importFile(full, "full.834", "bench", true, r -> {});
            double importSeconds = seconds(t0);
            System.out.println("PostgreSQL CPU during the import by process: "
                    + difference(postgresCpuByProcess(postmaster), pgBefore));
            double importCpu = (os.getProcessCpuTime() - jvmCpu) / 1e9 + postgresCpuSeconds(postmaster) - pgCpu;
            System.out.printf(
                    "import full 834: %s, %d transactions, %d rejects in %.1f s; peak heap %d MB; "
                            + "importer CPU %.1f s, PostgreSQL CPU %.1f s; load average %.2f%n",
                    report.status(),
                    report.transactions(),
                    report.rejects(),
                    importSeconds,
                    heap.get() >> 20,
                    (os.getProcessCpuTime() - jvmCpu) / 1e9,
                    postgresCpuSeconds(postmaster) - pgCpu,
                    os.getSystemLoadAverage());

            // the vacuum the loaded tables owe (a first load pauses autovacuum until its end; the floor's tables owe
            // one
            // too and it is not timed either): run here so that it does not run beside the floor's COPY
            t0 = System.nanoTime();
            double vacuumCpu = postgresCpuSeconds(postmaster);
            jdbc.sql("vacuum coverage.member, coverage.enrollment_span, coverage.member_change")
                    .update();
            double vacuumSeconds = seconds(t0);
            System.out.printf(
                    "vacuum of the loaded tables after the import (in neither figure): %.1f s, PostgreSQL CPU %.1f s%n",
                    vacuumSeconds, postgresCpuSeconds(postmaster) - vacuumCpu);

            // issue #23's floor, in the same run: bare tables (no key, no index), COPY of the same member and span
            // rows, then building their four indexes
            jdbc.sql("drop schema if exists bench_floor cascade").update();
            jdbc.sql("create schema bench_floor").update();
            jdbc.sql("create table bench_floor.member (like coverage.member including defaults including generated)")
                    .update();
            jdbc.sql("create table bench_floor.enrollment_span (like coverage.enrollment_span including defaults "
                            + "including identity including generated)")
                    .update();
            jdbc.sql("checkpoint").update();
            jvmCpu = os.getProcessCpuTime();
            pgCpu = postgresCpuSeconds(postmaster);
            t0 = System.nanoTime();
            copy(
                    dataSource.getConnection(),
                    synthetic,
                    members,
                    zips,
                    "bench_floor.member",
                    "bench_floor.enrollment_span");
            double bareCopySeconds = seconds(t0);
            jdbc.sql("create unique index on bench_floor.member (member_id)").update();
            jdbc.sql("create index on bench_floor.member (cin)").update();
            jdbc.sql("create unique index on bench_floor.enrollment_span (id)").update();
            jdbc.sql("create unique index on bench_floor.enrollment_span (member_id, plan_code, begin_date)")
                    .update();
            double floorSeconds = seconds(t0);
            System.out.printf(
                    "FLOOR bare COPY of the same rows %.1f s + four index builds %.1f s = %.1f s; "
                            + "writer CPU %.1f s, PostgreSQL CPU %.1f s; load average %.2f%n",
                    bareCopySeconds,
                    floorSeconds - bareCopySeconds,
                    floorSeconds,
                    (os.getProcessCpuTime() - jvmCpu) / 1e9,
                    postgresCpuSeconds(postmaster) - pgCpu,
                    os.getSystemLoadAverage());
            double floorCpu = (os.getProcessCpuTime() - jvmCpu) / 1e9 + postgresCpuSeconds(postmaster) - pgCpu;
            System.out.printf(
                    "RATIO import / floor: %.2f wall (target of #23: <= 3); %.2f in CPU seconds "
                            + "(importer + PostgreSQL %.1f s / writer + PostgreSQL %.1f s)%n",
                    importSeconds / floorSeconds, importCpu / floorCpu, importCpu, floorCpu);
            System.out.printf(
                    "RATIO with the vacuum after the import counted in: %.2f wall%n",
                    (importSeconds + vacuumSeconds) / floorSeconds);
            jdbc.sql("drop schema bench_floor cascade").update();

            jdbc.sql("truncate coverage.member, coverage.enrollment_span, coverage.member_change")
                    .update();
            jdbc.sql("checkpoint").update();
            jvmCpu = os.getProcessCpuTime();
            pgCpu = postgresCpuSeconds(postmaster);
            t0 = System.nanoTime();
            copy(dataSource.getConnection(), synthetic, members, zips);
            double copySeconds = seconds(t0);
            System.out.printf(
                    "COPY of the same rows (members + spans, same indexed tables): %.1f s; "
                            + "writer CPU %.1f s, PostgreSQL CPU %.1f s; load average %.2f%n",
                    copySeconds,
                    (os.getProcessCpuTime() - jvmCpu) / 1e9,
                    postgresCpuSeconds(postmaster) - pgCpu,
                    os.getSystemLoadAverage());
            System.out.printf("ratio import / COPY: %.2f%n", importSeconds / copySeconds);

            Path change = work.resolve("change.834");
            var mix = new ChangeMix(synthetic, members, date.plusDays(1), 2026);
            try (BufferedWriter out = Files.newBufferedWriter(change, StandardCharsets.UTF_8)) {
                var writer = new Enrollment834Writer(out, date.plusDays(1), "LACARE", "L.A. CARE HEALTH PLAN");
                writer.begin(1002, false);
                for (int i = 1; i <= changes; i++) {
                    writer.member(mix.transaction(i));
                }
                writer.end();
            }
            t0 = System.nanoTime();
            ImportReport daily = importer.importFile(change, "change.834", "bench", true, r -> {});
            System.out.printf(
                    "import change 834: %d transactions (adds %d, changes %d, terms %d, reinstates %d, "
                            + "unchanged %d, rejects %d) in %.1f s; load average %.2f%n",
                    daily.transactions(),
                    daily.adds(),
                    daily.changes(),
                    daily.terms(),
                    daily.reinstates(),
                    daily.unchanged(),
                    daily.rejects(),
                    seconds(t0),
                    os.getSystemLoadAverage());
            if (System.getenv("IMPORT_ONLY") != null) {
                jdbc.sql("analyze").update();
                return;
            }
            // the HTTP part measures a settled database, not the autovacuum and checkpoint the loads left behind
            t0 = System.nanoTime();
            jdbc.sql("vacuum (analyze)").update();
            jdbc.sql("checkpoint").update();
            System.out.printf("vacuum, analyze and checkpoint before the HTTP benchmark: %.1f s%n", seconds(t0));

            write270(work.resolve("batch.270"), Math.min(10_000, members), members, synthetic);
            // an OAuth client with a secret (issue #17); run.sh asks the token endpoint for a JWT with it
            String secret = "cws_bench_" + System.nanoTime();
            jdbc.sql("""
                    insert into identity.api_client (client_id, client_name, purpose, scopes, token_sha256, token_prefix,
                        issued_by, secret_set_at)
                    values ('bench', 'bench', 'benchmark', array['eligibility.read', 'x12.270'], ?, ?, 'bench', now())""").params(sha256(secret), secret.substring(0, 8)).update();
            Files.writeString(work.resolve("token"), "bench:" + secret);
            Files.writeString(work.resolve("jdbc-url"), pg.getJdbcUrl("postgres", "postgres"));
            System.out.println("database ready for the HTTP benchmark: " + pg.getJdbcUrl("postgres", "postgres"));
            Path stop = work.resolve("stop");
            while (!Files.exists(stop)) {
                Thread.sleep(500);
            }
        }
    }

    private static long postmasterPid(Path dataDirectory) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid"))
                .get(0)
                .trim());
    }

    /** CPU of the postmaster and its children (live backends from /proc, exited ones from cutime/cstime). */
    static double postgresCpuSeconds(long postmaster) {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f;
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                } catch (Exception gone) {
                    continue;
                }
                long pid = Long.parseLong(name);
                // fields after the command: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime
                if (pid == postmaster) {
                    ticks += Long.parseLong(f[11])
                            + Long.parseLong(f[12])
                            + Long.parseLong(f[13])
                            + Long.parseLong(f[14]);
                } else if (Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        } catch (Exception e) {
            return Double.NaN;
        }
        return ticks / 100.0;
    }

    /** PostgreSQL CPU seconds by process kind (backend, autovacuum, walwriter, …; exited children together). */
    static java.util.Map<String, Double> postgresCpuByProcess(long postmaster) {
        var out = new java.util.TreeMap<String, Double>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(name);
                    if (pid == postmaster) {
                        out.merge(
                                "exited children",
                                (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0,
                                Double::sum);
                        out.merge("postmaster", (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                    } else if (Long.parseLong(f[1]) == postmaster) {
                        String cmd = Files.readString(p.resolve("cmdline"))
                                .replace('\0', ' ')
                                .trim();
                        String kind = cmd.startsWith("postgres: ") ? cmd.substring(10) : cmd;
                        kind = kind.contains("autovacuum") ? "autovacuum" : kind.contains("(") ? "backends" : kind;
                        out.merge(kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0, Double::sum);
                    }
                } catch (Exception gone) {
                    // the process ended meanwhile
                }
            }
        } catch (Exception e) {
            return out;
        }
        return out;
    }

    private static String difference(java.util.Map<String, Double> after, java.util.Map<String, Double> before) {
        var sb = new StringBuilder();
        after.forEach((k, v) -> {
            double d = v - before.getOrDefault(k, 0.0);
            if (d >= 0.05) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.1f s", d));
            }
        });
        return sb.toString();
    }

    static java.util.List<ZipArea> loadZips(JdbcClient jdbc) throws Exception {
        java.util.List<ZipArea> zips = new java.util.ArrayList<>();
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                CoverageBenchmark.class.getClassLoader().getResourceAsStream("geography/la-county-zips.csv"),
                StandardCharsets.UTF_8))) {
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", -1);
                zips.add(new ZipArea(
                        f[0],
                        new org.commonweal.geography.GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                        f[3],
                        f[4],
                        Integer.parseInt(f[5]),
                        Integer.parseInt(f[6]),
                        Integer.parseInt(f[7])));
            }
        }
        return zips;
    }

    private static void copy(Connection c, SyntheticMembers synthetic, int members, java.util.List<ZipArea> zips)
            throws Exception {
        copy(c, synthetic, members, zips, "coverage.member", "coverage.enrollment_span");
    }

    /** COPYs the members and spans of the synthetic file into the two tables named (text format, one transaction). */
    private static void copy(
            Connection c,
            SyntheticMembers synthetic,
            int members,
            java.util.List<ZipArea> zips,
            String memberTable,
            String spanTable)
            throws Exception {
        var byZip = new java.util.HashMap<String, ZipArea>();
        zips.forEach(z -> byZip.put(z.zip(), z));
        c.setAutoCommit(false);
        var api = c.unwrap(PGConnection.class).getCopyAPI();
        var memberCopy = api.copyIn("copy " + memberTable + " (member_id, cin, mbi, first_name, last_name, name_key, "
                + "birth_date, sex, address_line1, city, state, zip, county_code, latitude, longitude, spa, rcac_region, "
                + "phone, spoken_language, written_language) from stdin");
        var sb = new StringBuilder(1 << 20);
        for (int i = 1; i <= members; i++) {
            MemberTransaction m = synthetic.member(i);
            ZipArea z = byZip.get(m.zip());
            row(
                    sb,
                    m.memberId(),
                    m.cin(),
                    m.mbi(),
                    m.firstName(),
                    m.lastName(),
                    NameKey.of(m.lastName(), m.firstName()),
                    m.birthDate(),
                    m.sex(),
                    m.addressLine1(),
                    m.city(),
                    m.state(),
                    m.zip(),
                    m.countyCode(),
                    z == null ? null : z.centroid().latitude(),
                    z == null ? null : z.centroid().longitude(),
                    z == null ? null : z.spa(),
                    z == null ? null : z.rcacRegion(),
                    m.phone(),
                    m.spokenLanguage(),
                    m.writtenLanguage());
            if (sb.length() > (1 << 20)) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                memberCopy.writeToCopy(bytes, 0, bytes.length);
                sb.setLength(0);
            }
        }
        byte[] rest = sb.toString().getBytes(StandardCharsets.UTF_8);
        memberCopy.writeToCopy(rest, 0, rest.length);
        memberCopy.endCopy();
        sb.setLength(0);
        var spanCopy = api.copyIn("copy " + spanTable + " (member_id, product_line, plan_code, aid_codes, "
                + "begin_date, end_date, status, pcp_npi, pcp_name, pcp_location) from stdin");
        for (int i = 1; i <= members; i++) {
            MemberTransaction m = synthetic.member(i);
            for (var s : m.coverages()) {
                row(
                        sb,
                        m.memberId(),
                        s.planCode().startsWith("LA")
                                ? "MCLA"
                                : s.planCode().startsWith("CC")
                                        ? "LACC"
                                        : s.planCode().startsWith("MP") ? "MCP" : "PASC",
                        s.planCode(),
                        "{" + String.join(",", s.aidCodes()) + "}",
                        s.begin(),
                        s.end(),
                        s.end() == null ? "active" : "terminated",
                        s.pcpNpi(),
                        s.pcpName(),
                        s.pcpLocation());
            }
            if (sb.length() > (1 << 20)) {
                byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
                spanCopy.writeToCopy(bytes, 0, bytes.length);
                sb.setLength(0);
            }
        }
        rest = sb.toString().getBytes(StandardCharsets.UTF_8);
        spanCopy.writeToCopy(rest, 0, rest.length);
        spanCopy.endCopy();
        c.commit();
        c.close();
    }

    private static void row(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                sb.append("\\N");
            } else {
                String s = v.toString();
                for (int k = 0; k < s.length(); k++) {
                    char ch = s.charAt(k);
                    switch (ch) {
                        case '\\' -> sb.append("\\\\");
                        case '\t' -> sb.append("\\t");
                        case '\n' -> sb.append("\\n");
                        default -> sb.append(ch);
                    }
                }
            }
        }
        sb.append('\n');
    }

    /**
     * Inquiries for members of the file, each by member id with the member's own last name, first name and birth
     * date (a search option of 005010X279A1 / CAQH CORE, issue #16; a member id alone, or with another name, is
     * refused with AAA 73, which is what this batch measured before).
     */
    private static void write270(Path file, int inquiries, int members, SyntheticMembers synthetic) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var x12 = new X12Writer(out);
            var now = java.time.LocalDateTime.of(2026, 11, 29, 12, 0);
            x12.interchange("BENCHCLINIC", "LACARE", X12Writer.control(2701), now);
            x12.group("HS", "BENCHCLINIC", "LACARE", "2701", Eligibility270.VERSION, now);
            x12.transactionSet("270", "0001", Eligibility270.VERSION);
            x12.segment("BHT", "0022", "13", "BENCH", "20261129", "1200");
            x12.segment("HL", "1", "", "20", "1");
            x12.segment("NM1", "PR", "2", "L.A. CARE HEALTH PLAN", "", "", "", "", "PI", "LACARE");
            x12.segment("HL", "2", "1", "21", "1");
            x12.segment("NM1", "1P", "2", "BENCH CLINIC", "", "", "", "", "XX", "1234567893");
            for (int i = 1; i <= inquiries; i++) {
                x12.segment("HL", String.valueOf(i + 2), "2", "22", "0");
                x12.segment("TRN", "1", "T" + i, "9BENCH");
                long n = 1 + i * 7919L % members;
                MemberTransaction m = synthetic.member(n);
                x12.segment("NM1", "IL", "1", m.lastName(), m.firstName(), "", "", "", "MI", m.memberId());
                x12.segment("DMG", "D8", m.birthDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
                x12.segment("DTP", "291", "D8", "20261129");
                x12.segment("EQ", "30");
            }
            x12.endTransactionSet().endGroup().endInterchange();
        }
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
