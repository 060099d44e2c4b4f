package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.IntegrationTest;
import org.commonweal.demo.DemoPeople;
import org.commonweal.geography.Geography;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills a separate JVM running the importer ({@link CrashImportMain}) in the middle of a file (SIGKILL), re-runs the import, and compares
 * the resulting members, spans and history with those of an uninterrupted run of the same file.
 */
@IntegrationTest
class CoverageCrashIntegrationTests {

    private static final int MEMBERS = 12_000;

    @Autowired
    org.commonweal.platform.PlanIdentity plan;

    @Autowired
    Enrollment834Import importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    Geography geography;

    @TempDir
    Path dir;

    private final String prefix =
            String.format("CR%06d", ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aKilledImportReRunGivesExactlyTheStateOfAnUninterruptedOne() throws Exception {
        Path file = writeFile();

        ImportReport clean = importer.importFile(file, "clean.834", "test", false, r -> {});
        assertThat(clean.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(clean.adds()).isEqualTo(MEMBERS);
        String expected = snapshot();
        forget(clean.id());
        assertThat(snapshot()).isNotEqualTo(expected);

        Process child = startChildImport(file);
        long importId = waitForCheckpoint(child);
        child.destroyForcibly().waitFor();
        var interrupted = importer.report(importId).orElseThrow();
        assertThat(interrupted.status()).isEqualTo(ImportStatus.RUNNING);
        int appliedBeforeKill = jdbc.sql("select applied_through from coverage.import_file where id = ?")
                .param(importId)
                .query(Integer.class)
                .single();
        assertThat(appliedBeforeKill).isBetween(1, MEMBERS - 1);

        ImportReport resumed = importer.importFile(file, "again.834", "test", false, r -> {});
        assertThat(resumed.id()).isEqualTo(importId);
        assertThat(resumed.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(resumed.adds()).isEqualTo(MEMBERS);
        assertThat(resumed.transactions()).isEqualTo(clean.transactions());
        assertThat(snapshot()).isEqualTo(expected);
    }

    private Path writeFile() throws Exception {
        LocalDate date = LocalDate.of(2026, 11, 20);
        var synthetic = new SyntheticMembers(new DemoPeople(geography.zips(), date), 7, date);
        Path file = dir.resolve("crash.834");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var writer = new Enrollment834Writer(out, date, plan.payerId(), plan.payerName());
            writer.begin(ThreadLocalRandom.current().nextInt(1, 999_999_999), false);
            for (int i = 1; i <= MEMBERS; i++) {
                writer.member(synthetic.member(i, prefix + i, "021"));
            }
            writer.end();
        }
        return file;
    }

    private String snapshot() {
        return snapshot(jdbc, prefix);
    }

    /** Members, spans and history of the members whose id starts with {@code prefix}, as one comparable text. */
    static String snapshot(JdbcClient jdbc, String prefix) {
        String pattern = prefix + "%";
        String members = jdbc.sql("""
                select coalesce(md5(string_agg(concat_ws('|', member_id, cin, mbi, first_name, last_name, name_key,
                    birth_date, sex, address_line1, city, zip, spa, rcac_region, phone, spoken_language), ',' order by member_id)), '')
                from coverage.member where member_id like ?""").param(pattern).query(String.class).single();
        String spans = jdbc.sql("""
                select coalesce(md5(string_agg(concat_ws('|', member_id, product_line, plan_code, aid_codes, begin_date,
                    end_date, status, pcp_npi, pcp_name, pcp_location), ',' order by member_id, plan_code, begin_date)), '')
                from coverage.enrollment_span where member_id like ?""").param(pattern).query(String.class).single();
        String history = jdbc.sql("""
                select coalesce(md5(string_agg(concat_ws('|', member_id, source, transaction_set, sequence, summary), ','
                    order by member_id, sequence)), '') || count(*)
                from coverage.member_change where member_id like ?""").param(pattern).query(String.class).single();
        return members + "/" + spans + "/" + history;
    }

    private void forget(long importId) {
        String pattern = prefix + "%";
        jdbc.sql("delete from coverage.member_change where member_id like ?")
                .param(pattern)
                .update();
        jdbc.sql("delete from coverage.enrollment_span where member_id like ?")
                .param(pattern)
                .update();
        jdbc.sql("delete from coverage.member where member_id like ?")
                .param(pattern)
                .update();
        jdbc.sql("delete from coverage.import_reject where import_id = ?")
                .param(importId)
                .update();
        jdbc.sql("delete from coverage.import_file where id = ?")
                .param(importId)
                .update();
    }

    private Process startChildImport(Path file) throws Exception {
        return org.commonweal.ChildJvm.start(
                dataSource, dir.resolve("child.log"), CrashImportMain.class, file.toString(), "200");
    }

    /** Waits until the child has committed a few chunks of the file, then returns its import id. */
    private long waitForCheckpoint(Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as(
                            "child import still running; log: %s",
                            Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "")
                    .isTrue();
            var running = jdbc.sql("""
                    select id from coverage.import_file
                    where status = 'running' and applied_through >= 1000 and file_name = 'crash.834'
                    order by id desc limit 1""").query(Long.class).optional();
            if (running.isPresent()) {
                return running.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child import never committed a chunk");
    }
}
