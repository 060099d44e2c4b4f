package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.commonweal.demo.DemoPeople;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): the database's disk fills during an 834 import. No root here for a small loop-mounted file
 * system, so the equivalent the machine allows: the import's PostgreSQL backends run under a file-size limit
 * ({@code prlimit --fsize} on the postmaster, inherited by every backend it forks after), and PostgreSQL, which
 * ignores SIGXFSZ, gets EFBIG when a table or index file would grow past it and fails the statement with "could not
 * extend file …: File too large", the same path as ENOSPC ("No space left on device"). The server is initialised with
 * 1 MB WAL segments so that the limit (2 MB) is above the WAL segment size and below what the import's tables need.
 * The import must stop with that error named, leave only whole chunks, and, once the server runs without the limit
 * again, importing the same file resumes it and ends in the state of an undisturbed import.
 */
class DiskFullIntegrationTests {

    private static final int MEMBERS = 12_000;
    private static final String PREFIX = "DF";
    private static final long LIMIT_BYTES = 2L * 1024 * 1024;

    @Test
    void anImportStoppedByAFullDiskFailsClearlyKeepsWholeChunksAndResumesOnceThereIsSpace() throws Exception {
        Path work = Path.of("target/test-data/disk-full");
        Files.createDirectories(work);
        Path data = work.resolve("postgres");
        org.springframework.util.FileSystemUtils.deleteRecursively(data);
        Files.deleteIfExists(work.resolve("postgres.log"));
        String expected;
        Path file;
        Path first;
        long importId;
        int appliedWhenFull;
        try (EmbeddedPostgres pg = start(data, true)) {
            DataSource dataSource = dataSource(pg);
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            first = writeFile(jdbc, work.resolve("first.834"), "PRE", 50_001, 50_020, 4241);
            file = writeFile(jdbc, work.resolve("morning.834"), PREFIX, 1, MEMBERS, 4242);

            // undisturbed: a membership already there (not a first load), then the morning's file
            assertThat(importer(dataSource, jdbc)
                            .importFile(first, "first.834", "test", r -> {})
                            .status())
                    .isEqualTo(ImportStatus.COMPLETED);
            ImportReport clean = importer(dataSource, jdbc).importFile(file, "morning.834", "test", r -> {});
            assertThat(clean.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(clean.adds()).isEqualTo(MEMBERS);
            expected = CoverageCrashIntegrationTests.snapshot(jdbc, PREFIX);

            jdbc.sql(
                            "truncate coverage.member_change, coverage.enrollment_span, coverage.member, coverage.import_seen, "
                                    + "coverage.import_reject, coverage.import_file cascade")
                    .update();
            assertThat(importer(dataSource, jdbc)
                            .importFile(first, "first.834", "test", r -> {})
                            .status())
                    .isEqualTo(ImportStatus.COMPLETED);

            // the disk "fills": every backend forked from now on may not grow a file past 2 MB
            long postmaster = Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            Process prlimit = new ProcessBuilder(
                            "prlimit",
                            "--pid",
                            String.valueOf(postmaster),
                            "--fsize=" + LIMIT_BYTES + ":" + LIMIT_BYTES)
                    .redirectErrorStream(true)
                    .start();
            assertThat(prlimit.waitFor())
                    .as(new String(prlimit.getInputStream().readAllBytes()))
                    .isZero();

            ImportReport full = importer(dataSource, jdbc).importFile(file, "morning.834", "test", r -> {});
            importId = full.id();
            String message = jdbc.sql("select message from coverage.import_file where id = ?")
                    .param(importId)
                    .query(String.class)
                    .single();
            System.out.printf(
                    "disk-full drill: import #%d %s after %d of %d transactions: %s%n",
                    importId, full.status(), full.transactions(), MEMBERS, message);
            assertThat(full.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(message)
                    .as("the error names the cause")
                    .contains("could not extend file")
                    .contains("File too large");
            appliedWhenFull = jdbc.sql("select applied_through from coverage.import_file where id = ?")
                    .param(importId)
                    .query(Integer.class)
                    .single();
            assertThat(appliedWhenFull).as("stopped half-way").isLessThan(MEMBERS);
            assertThat(appliedWhenFull % 200)
                    .as("only whole chunks (200 transactions each) committed")
                    .isZero();
            assertWhole(jdbc, appliedWhenFull);
        }

        // space is back: the server restarted without the limit, the same file imported again
        try (EmbeddedPostgres pg = start(data, false)) {
            DataSource dataSource = dataSource(pg);
            JdbcClient jdbc = JdbcClient.create(dataSource);
            assertWhole(jdbc, appliedWhenFull);
            ImportReport resumed = importer(dataSource, jdbc).importFile(file, "morning.834", "test", r -> {});
            assertThat(resumed.id())
                    .as("the failed import is resumed, not started again")
                    .isEqualTo(importId);
            assertThat(resumed.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(resumed.adds()).isEqualTo(MEMBERS);
            assertThat(CoverageCrashIntegrationTests.snapshot(jdbc, PREFIX))
                    .as("the state of an undisturbed import")
                    .isEqualTo(expected);
            System.out.printf(
                    "disk-full drill: %d transactions were in when the disk filled; resumed and completed%n",
                    appliedWhenFull);
        }
    }

    /** Every member of the file that is in has its enrollment span and its history entry: no chunk half-applied. */
    private static void assertWhole(JdbcClient jdbc, int applied) {
        String pattern = PREFIX + "%";
        assertThat(jdbc.sql("select count(*) from coverage.member where member_id like ?")
                        .param(pattern)
                        .query(Integer.class)
                        .single())
                .isEqualTo(applied);
        assertThat(jdbc.sql("select count(distinct member_id) from coverage.enrollment_span where member_id like ?")
                        .param(pattern)
                        .query(Integer.class)
                        .single())
                .isEqualTo(applied);
        assertThat(jdbc.sql("select count(distinct member_id) from coverage.member_change where member_id like ?")
                        .param(pattern)
                        .query(Integer.class)
                        .single())
                .isEqualTo(applied);
    }

    /** The drill's server; {@code first}: initialised here with 1 MB WAL segments (the directory is kept on close). */
    private static EmbeddedPostgres start(Path data, boolean first) throws Exception {
        var log = java.lang.ProcessBuilder.Redirect.appendTo(
                data.resolveSibling("postgres.log").toFile());
        var builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPGStartupWait(java.time.Duration.ofSeconds(60))
                .setOutputRedirector(log)
                .setErrorRedirector(log)
                .setServerConfig("fsync", "off")
                .setServerConfig("min_wal_size", "2MB")
                .setServerConfig("max_wal_size", "64MB");
        if (first) {
            builder.setLocaleConfig("wal-segsize", "1");
        }
        return builder.start();
    }

    private static DataSource dataSource(EmbeddedPostgres pg) {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(pg.getJdbcUrl("postgres", "postgres"));
        dataSource.setUser("postgres");
        return dataSource;
    }

    private static Enrollment834Import importer(DataSource dataSource, JdbcClient jdbc) throws Exception {
        return new Enrollment834Import(
                dataSource,
                jdbc,
                CrashImportMain.zipCentroidsFor(),
                new CrashImportMainAudit(jdbc),
                new X12ControlNumbers(jdbc),
                new TradingPartners(jdbc),
                "approval",
                200);
    }

    /** Members {@code from}…{@code to} of the synthetic population (distinct people for distinct numbers). */
    private static Path writeFile(JdbcClient jdbc, Path file, String prefix, int from, int to, int control)
            throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 20);
        var synthetic = new SyntheticMembers(new DemoPeople(CoverageBenchmark.loadZips(jdbc), date), 7, date);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var writer = new Enrollment834Writer(out, date, "LACARE", "L.A. CARE HEALTH PLAN");
            writer.begin(control, false);
            for (int i = from; i <= to; i++) {
                writer.member(synthetic.member(i, prefix + i, "021"));
            }
            writer.end();
        }
        return file;
    }
}
