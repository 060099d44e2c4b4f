package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): {@code kill -9} of the grants history import half-way through a file. Each row is applied in
 * its own transaction, so what the killed run left is whole rows (an award with its paid tranche, never one without
 * the other); the rerun skips those as already there and applies the rest, and the end state is that of an
 * undisturbed run of the same file. The killed import runs in its own JVM ({@link GrantHistoryCrashMain}).
 */
@IntegrationTest
class GrantHistoryCrashIntegrationTests {

    private static final int ROWS = 6_000;

    @Autowired
    GrantHistoryImport importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private final String prefix =
            String.format("KILL%06d-", ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aKilledHistoryImportRerunGivesTheStateOfAnUndisturbedRun() throws Exception {
        Path file = writeFile();
        var clean = importer.importCsv(Files.newBufferedReader(file), "test");
        assertThat(clean.imported()).isEqualTo(ROWS);
        String undisturbed = snapshot();
        forget();

        Process child =
                ChildJvm.start(dataSource, dir.resolve("child.log"), GrantHistoryCrashMain.class, file.toString());
        int before;
        try {
            before = waitForSomeRows(child);
        } finally {
            child.destroyForcibly().waitFor();
        }
        int left = count();
        assertThat(left).as("killed half-way").isBetween(before, ROWS - 1);
        assertThat(jdbc.sql("""
                select count(*) from grants.award a where a.award_number like ? and a.award_number like '%-P'
                    and not exists (select 1 from grants.disbursement d where d.award_id = a.id)""").param(prefix + "%").query(Integer.class).single())
                .as("no award without its paid tranche")
                .isZero();

        var rerun = importer.importCsv(Files.newBufferedReader(file), "test");
        assertThat(rerun.imported()).isEqualTo(ROWS - left);
        assertThat(rerun.duplicates()).isEqualTo(left);
        assertThat(snapshot()).as("the same end state as an undisturbed run").isEqualTo(undisturbed);
        System.out.printf(
                "grants history kill -9 drill: %d of %d rows applied when killed; rerun applied %d," + " skipped %d%n",
                left, ROWS, rerun.imported(), rerun.duplicates());
        forget();
    }

    private Path writeFile() throws Exception {
        String program = jdbc.sql("select code from grants.program order by id limit 1")
                .query(String.class)
                .single();
        Path file = dir.resolve("history.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", GrantHistoryImport.COLUMNS) + "\n");
            for (int i = 0; i < ROWS; i++) {
                boolean paid = i % 3 == 0;
                LocalDate awarded = LocalDate.of(2005 + i % 20, 1 + i % 12, 1 + i % 28);
                out.write(String.join(
                                ",",
                                prefix + i + (paid ? "-P" : ""),
                                program,
                                String.format("94-%07d", 1000 + i % 50),
                                "\"Clinic " + i % 50 + ", Inc.\"",
                                "FQHC",
                                "90033",
                                String.valueOf(1 + i % 8),
                                "History award " + i,
                                (10_000 + i) + ".50",
                                awarded.toString(),
                                "",
                                "",
                                "CLOSED",
                                paid ? "5000" : "")
                        + "\n");
            }
        }
        return file;
    }

    private int waitForSomeRows(Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as("child import still running; log: %s", Files.readString(dir.resolve("child.log")))
                    .isTrue();
            int n = count();
            if (n >= 500) {
                return n;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the child import never applied a row");
    }

    private int count() {
        return jdbc.sql("select count(*) from grants.award where award_number like ?")
                .param(prefix + "%")
                .query(Integer.class)
                .single();
    }

    /** Every award of the file with its organization, program, amounts, dates and paid tranches (ids left out). */
    private String snapshot() {
        return jdbc.sql("""
                select md5(string_agg(concat_ws('|', a.award_number, o.ein, a.program_id, a.title, a.amount,
                    a.awarded_on, a.starts_on, a.ends_on, a.status, a.closed_on, a.source,
                    (select string_agg(concat_ws(':', d.seq, d.amount, d.status, d.paid_on), ';' order by d.seq)
                     from grants.disbursement d where d.award_id = a.id)), ',' order by a.award_number)) || count(*)
                from grants.award a join grants.organization o on o.id = a.organization_id
                where a.award_number like ?""").param(prefix + "%").query(String.class).single();
    }

    private void forget() {
        jdbc.sql("delete from grants.disbursement where award_id in (select id from grants.award"
                        + " where award_number like ?)")
                .param(prefix + "%")
                .update();
        jdbc.sql("delete from grants.award where award_number like ?")
                .param(prefix + "%")
                .update();
    }
}
