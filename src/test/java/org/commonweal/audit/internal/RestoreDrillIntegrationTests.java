package org.commonweal.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.commonweal.CommonwealApplication;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The restore drill (issue #20): a backup of the running demo database is restored into a fresh PostgreSQL server
 * with its own data directory, the application starts on it (production mode, {@code commonweal.db.url}), and every
 * table has the rows it had and the audit trail's daily seals still verify.
 *
 * <p>Two kinds of backup, both with PostgreSQL's own tools: a logical dump ({@code pg_dump -Fc} and
 * {@code pg_restore}, which needs a client at least as new as the server: Debian bookworm's is 15, the embedded
 * server is 18, and the embedded binaries ship no client, so that drill is skipped where no such client is found)
 * and a physical base backup (the server's low-level backup API, {@code pg_backup_start}/{@code pg_backup_stop},
 * the data directory copied meanwhile and the WAL written until the stop, as {@code pg_basebackup} does it).
 */
@IntegrationTest
class RestoreDrillIntegrationTests {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final Path WORK = Path.of("target/restore-drill").toAbsolutePath();
    /** At least one table of every module that the small demo data set fills. */
    static final List<String> KEY_TABLES = List.of(
            "coverage.member",
            "coverage.enrollment_span",
            "network.practitioner",
            "network.location",
            "centers.center",
            "centers.class_session",
            "engagement.promoter",
            "grants.application",
            "housing.client",
            "insights.figure",
            "identity.user_account",
            "geography.zip_area",
            "audit.audit_event",
            "audit.daily_seal");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    AuditSeal seal;

    static LocalDate sealedDay;

    /** A past day with audit records of its own, sealed once in the running database before the backups. */
    @BeforeEach
    void sealADay() {
        if (sealedDay != null) {
            return;
        }
        sealedDay = LocalDate.now(ZONE).minusDays(2000 + (long) (Math.random() * 1000));
        jdbc.sql("insert into audit.audit_event (occurred_at, username, action, entity_type, member_id, purpose) "
                        + "values ((?::date + time '09:30') at time zone 'America/Los_Angeles', 'drill', 'READ', 'member', ?, "
                        + "'restore drill')")
                .params(sealedDay, "DRILL-" + UUID.randomUUID())
                .update();
        // release the lock but keep its row: ShedLock remembers the rows it made and only updates them afterwards
        jdbc.sql("update platform.shedlock set lock_until = now() - interval '1 minute' where name = ?")
                .param(AuditSeal.JOB)
                .update();
        assertThat(seal.sealOnce(sealedDay)).isTrue();
        assertThat(seal.verify(sealedDay)).contains(true);
    }

    @Test
    void aPgDumpRestoredIntoAFreshServerRunsTheApplicationWithEveryRowAndValidSeals() throws Exception {
        int serverMajor =
                jdbc.sql("show server_version_num").query(Integer.class).single() / 10_000;
        Optional<Path> bin = clientBin(serverMajor);
        assumeTrue(
                bin.isPresent(),
                "no pg_dump/pg_restore of PostgreSQL " + serverMajor + " or newer on this machine "
                        + "(pg_dump refuses a newer server; Debian bookworm's postgresql-client is 15 and the embedded "
                        + "binaries ship no client): the logical drill is skipped, the base backup drill runs");
        Path dir = fresh("logical");
        Path dump = dir.resolve("commonweal.dump");
        Map<String, Long> before = countRows(jdbc);
        List<Long> sealedDays = sealedDays(jdbc);
        int port = jdbc.sql("select inet_server_port()").query(Integer.class).single();

        run(
                dir,
                bin.get().resolve("pg_dump").toString(),
                "-h",
                "localhost",
                "-p",
                String.valueOf(port),
                "-U",
                "postgres",
                "-d",
                "commonweal",
                "-Fc",
                "-f",
                dump.toString());
        try (EmbeddedPostgres fresh = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "off")
                .start()) {
            run(
                    dir,
                    bin.get().resolve("pg_restore").toString(),
                    "-h",
                    "localhost",
                    "-p",
                    String.valueOf(fresh.getPort()),
                    "-U",
                    "postgres",
                    "-d",
                    "postgres",
                    "--create",
                    "--exit-on-error",
                    dump.toString());
            checkRestored(fresh.getPort(), dir, before, sealedDays);
        }
    }

    @Test
    void aBaseBackupRestoredIntoAFreshServerRunsTheApplicationWithEveryRowAndValidSeals() throws Exception {
        Path dir = fresh("physical");
        Path copy = dir.resolve("postgres");
        Map<String, Long> before = countRows(jdbc);
        List<Long> sealedDays = sealedDays(jdbc);
        Path source =
                Path.of(jdbc.sql("show data_directory").query(String.class).single());

        try (Connection c = dataSource.getConnection();
                var s = c.createStatement()) {
            s.execute("select pg_backup_start('restore drill', true)");
            copyTree(source, copy, Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "pg_wal"));
            // writes after the start are in the WAL replayed on restore
            jdbc.sql("insert into audit.audit_event (username, action, entity_type, purpose) "
                            + "values ('drill', 'READ', 'backup', 'during base backup')")
                    .update();
            before = countRows(jdbc);
            var stop = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)");
            stop.next();
            Files.writeString(copy.resolve("backup_label"), stop.getString(1), StandardCharsets.UTF_8);
            String map = stop.getString(2);
            if (map != null && !map.isEmpty()) {
                Files.writeString(copy.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
            }
        }
        jdbc.sql("select pg_switch_wal()").query(String.class).single();
        copyTree(source.resolve("pg_wal"), copy.resolve("pg_wal"), Set.of());
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));

        try (EmbeddedPostgres restored = EmbeddedPostgres.builder()
                .setDataDirectory(copy)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", "off")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setErrorRedirector(
                        ProcessBuilder.Redirect.to(dir.resolve("postgres.log").toFile()))
                .setOutputRedirector(
                        ProcessBuilder.Redirect.to(dir.resolve("postgres.out").toFile()))
                .start()) {
            checkRestored(restored.getPort(), dir, before, sealedDays);
        }
    }

    /** Row counts and seals straight from the restored server, then again through the application started on it. */
    void checkRestored(int port, Path dir, Map<String, Long> before, List<Long> sealedDays) throws SQLException {
        String url = "jdbc:postgresql://localhost:" + port + "/commonweal";
        try (Connection c = DriverManager.getConnection(url, "postgres", "")) {
            JdbcClient restored =
                    JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            assertThat(countRows(restored))
                    .as("rows of every table after the restore")
                    .isEqualTo(before);
        }
        ConfigurableApplicationContext app = new SpringApplicationBuilder(CommonwealApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--commonweal.db.url=" + url,
                        "--commonweal.db.user=postgres",
                        "--commonweal.db.pool-size=5",
                        "--commonweal.data-dir=" + dir.resolve("app"),
                        "--commonweal.demo.load=false",
                        "--commonweal.scheduling.enabled=false");
        try {
            JdbcClient restored = app.getBean(JdbcClient.class);
            Map<String, Long> after = countRows(restored);
            for (String table : KEY_TABLES) {
                assertThat(after.get(table)).as(table).isPositive().isEqualTo(before.get(table));
            }
            AuditSeal restoredSeal = app.getBean(AuditSeal.class);
            assertThat(sealedDays).contains(sealedDay.toEpochDay());
            for (long day : sealedDays) {
                assertThat(restoredSeal.verify(LocalDate.ofEpochDay(day)))
                        .as("seal of " + LocalDate.ofEpochDay(day))
                        .contains(true);
            }
        } finally {
            app.close();
        }
    }

    /** Days whose seal verifies in the running database (a day sealed while records still came in does not). */
    List<Long> sealedDays(JdbcClient db) {
        List<Long> days = new ArrayList<>();
        for (LocalDate day : db.sql("select day from audit.daily_seal order by day")
                .query(LocalDate.class)
                .list()) {
            if (seal.verify(day).orElse(false)) {
                days.add(day.toEpochDay());
            }
        }
        return days;
    }

    static Map<String, Long> countRows(JdbcClient db) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : db.sql("""
                select table_schema || '.' || table_name from information_schema.tables
                where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
                order by 1""").query(String.class).list()) {
            counts.put(
                    table,
                    db.sql("select count(*) from " + table).query(Long.class).single());
        }
        return counts;
    }

    /** The directory of a pg_dump and pg_restore at least as new as the server, if this machine has one. */
    static Optional<Path> clientBin(int serverMajor) throws IOException {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("PG_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            candidates.add(Path.of(dir));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).forEach(candidates::add);
            }
        }
        for (Path bin : candidates) {
            if (Files.isExecutable(bin.resolve("pg_dump"))
                    && Files.isExecutable(bin.resolve("pg_restore"))
                    && major(bin.resolve("pg_dump")) >= serverMajor) {
                return Optional.of(bin);
            }
        }
        return Optional.empty();
    }

    static int major(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static void run(Path dir, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve(Path.of(command[0]).getFileName() + ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as(command[0] + " finished").isTrue();
        assertThat(p.exitValue())
                .as(command[0] + " exit code; output: " + Files.readString(log))
                .isZero();
    }

    static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /** Copies a live directory: files that vanish during the copy (temporary files) are skipped. */
    static void copyTree(Path from, Path to, Set<String> skipTopLevel) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.getParent() != null
                        && d.getParent().equals(from)
                        && skipTopLevel.contains(d.getFileName().toString())) {
                    Files.createDirectories(to.resolve(from.relativize(d)));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                if (f.getParent().equals(from)
                        && skipTopLevel.contains(f.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(f, to.resolve(from.relativize(f)), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException vanished) {
                    // a temporary file removed while copying: not part of the backup
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
