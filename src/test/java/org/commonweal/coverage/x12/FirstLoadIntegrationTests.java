package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.commonweal.demo.DemoPeople;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A first load into an empty membership (issue #23) on its own PostgreSQL, since it needs empty tables: the deferred
 * secondary indexes are dropped for the load and rebuilt after it with exactly the migrations' definitions; a first
 * load killed with SIGKILL in its middle leaves them missing, and its re-run resumes, rebuilds them and ends in exactly
 * the state of an uninterrupted first load.
 */
class FirstLoadIntegrationTests {

    private static final int MEMBERS = 12_000;
    private static final String PREFIX = "FL";

    @Test
    void aKilledFirstLoadReRunGivesTheStateAndTheIndexesOfAnUninterruptedOne() throws Exception {
        Path work = Path.of("target/test-data/first-load");
        Files.createDirectories(work);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start()) {
            var dataSource = new PGSimpleDataSource();
            dataSource.setUrl(pg.getJdbcUrl("postgres", "postgres"));
            dataSource.setUser("postgres");
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .outOfOrder(true)
                    .load()
                    .migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            Map<String, String> migrated = deferredIndexes(jdbc);
            assertThat(migrated).hasSize(FirstLoadIndexes.DEFERRED.size());

            Path file = writeFile(jdbc, work);
            var importer = new Enrollment834Import(
                    dataSource,
                    jdbc,
                    CrashImportMain.zipCentroidsFor(),
                    new CrashImportMainAudit(jdbc),
                    new X12ControlNumbers(jdbc),
                    new TradingPartners(jdbc),
                    "approval",
                    200);
            var duringLoad = new ArrayList<Integer>();
            var pausedDuringLoad = new ArrayList<Integer>();
            ImportReport clean = importer.importFile(file, "first-load.834", "test", false, r -> {
                duringLoad.add(deferredIndexes(jdbc).size());
                pausedDuringLoad.add(FirstLoadIndexes.autovacuumPaused(jdbc).size());
            });
            assertThat(clean.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(clean.adds()).isEqualTo(MEMBERS);
            // built after the load, not maintained during it
            assertThat(duringLoad).contains(0);
            assertThat(deferredIndexes(jdbc)).isEqualTo(migrated);
            assertThat(pausedDuringLoad).as("autovacuum paused during the load").contains(3);
            assertThat(FirstLoadIndexes.autovacuumPaused(jdbc))
                    .as("and on again after it")
                    .isEmpty();
            String expected = CoverageCrashIntegrationTests.snapshot(jdbc, PREFIX);

            jdbc.sql(
                            "truncate coverage.member_change, coverage.enrollment_span, coverage.member, coverage.import_seen, "
                                    + "coverage.import_reject, coverage.import_file cascade")
                    .update();
            Process child = org.commonweal.ChildJvm.start(
                    dataSource, work.resolve("child.log"), CrashImportMain.class, file.toString(), "200");
            long importId = waitForCheckpoint(jdbc, child, work);
            child.destroyForcibly().waitFor();
            assertThat(importer.report(importId).orElseThrow().status()).isEqualTo(ImportStatus.RUNNING);
            assertThat(deferredIndexes(jdbc))
                    .as("a killed first load leaves the deferred indexes missing")
                    .isEmpty();
            assertThat(FirstLoadIndexes.autovacuumPaused(jdbc)).hasSize(3);

            ImportReport resumed = importer.importFile(file, "again.834", "test", false, r -> {});
            assertThat(resumed.id()).isEqualTo(importId);
            assertThat(resumed.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(resumed.adds()).isEqualTo(MEMBERS);
            assertThat(CoverageCrashIntegrationTests.snapshot(jdbc, PREFIX)).isEqualTo(expected);
            assertThat(deferredIndexes(jdbc)).isEqualTo(migrated);
            assertThat(FirstLoadIndexes.autovacuumPaused(jdbc)).isEmpty();

            // the application's start builds them too (a killed first load nobody re-runs)
            FirstLoadIndexes.drop(jdbc);
            FirstLoadIndexes.ensure(jdbc);
            assertThat(deferredIndexes(jdbc)).isEqualTo(migrated);
            assertThat(FirstLoadIndexes.autovacuumPaused(jdbc)).isEmpty();
        }
    }

    /** The deferred indexes present, by name, with their definitions as PostgreSQL reports them. */
    private static Map<String, String> deferredIndexes(JdbcClient jdbc) {
        List<String> names = FirstLoadIndexes.DEFERRED.stream().map(d -> d[0]).toList();
        return jdbc
                .sql("select indexname, indexdef from pg_indexes where schemaname = 'coverage' "
                        + "and indexname = any(?)")
                .param(names.toArray(String[]::new))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Path writeFile(JdbcClient jdbc, Path work) throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 20);
        var synthetic = new SyntheticMembers(new DemoPeople(CoverageBenchmark.loadZips(jdbc), date), 7, date);
        Path file = work.resolve("first-load.834");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var writer = new Enrollment834Writer(out, date, "LACARE", "L.A. CARE HEALTH PLAN");
            writer.begin(4242, false);
            for (int i = 1; i <= MEMBERS; i++) {
                writer.member(synthetic.member(i, PREFIX + i, "021"));
            }
            writer.end();
        }
        return file;
    }

    private static long waitForCheckpoint(JdbcClient jdbc, Process child, Path work) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as(
                            "child import still running; log: %s",
                            Files.exists(work.resolve("child.log")) ? Files.readString(work.resolve("child.log")) : "")
                    .isTrue();
            var running = jdbc.sql("""
                    select id from coverage.import_file
                    where status = 'running' and applied_through >= 1000 order by id desc limit 1""").query(Long.class).optional();
            if (running.isPresent()) {
                return running.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child import never committed a chunk");
    }
}
