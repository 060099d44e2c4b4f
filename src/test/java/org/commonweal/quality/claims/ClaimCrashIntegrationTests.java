package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Kills a separate JVM running the 837 import ({@link ClaimCrashMain}, chunks of 200 claims) in the middle of a file
 * (SIGKILL), checks that no claim is stored without its lines, re-sends the file and compares the claims, lines and
 * rejects with those of an uninterrupted import of the same file.
 */
@IntegrationTest
class ClaimCrashIntegrationTests {

    private static final int CLAIMS = 30_000;

    @Autowired
    ClaimImport claims;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    /** The drill's claims would count in other tests' measures (its members are the test database's first). */
    @BeforeEach
    @AfterEach
    void forgetDrillFiles() {
        jdbc.sql("delete from quality.claim_file where file_name = 'crash.837'").update();
    }

    @Test
    void aKilledImportSentAgainEndsExactlyAsAnUninterruptedOne() throws Exception {
        Path file = writeFile();

        var clean = claims.importFile(file, "test");
        assertThat(clean.refused()).isFalse();
        assertThat(clean.accepted() + clean.rejects().size()).isEqualTo(CLAIMS);
        String expected = snapshot(clean.fileId());
        forget(clean.fileId());

        Process child =
                ChildJvm.start(dataSource, dir.resolve("child.log"), ClaimCrashMain.class, file.toString(), "200");
        long fileId = waitForChunks(child);
        child.destroyForcibly().waitFor();

        var interrupted = jdbc.sql("select status, claims_done from quality.claim_file where id = ?")
                .param(fileId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getInt(2)})
                .single();
        assertThat(interrupted[0]).isEqualTo("importing");
        int done = (Integer) interrupted[1];
        assertThat(done).isBetween(1, CLAIMS - 1);
        // what was committed is whole chunks of whole claims: the counter matches the rows, no claim lacks its lines
        assertThat(jdbc.sql("""
                select (select count(*) from quality.claim where file_id = :f)
                     + (select count(*) from quality.claim_reject where file_id = :f)""").param("f", fileId).query(Integer.class).single())
                .isEqualTo(done);
        assertThat(done % 200).isZero();
        assertThat(jdbc.sql("""
                select count(*) from quality.claim c where file_id = ? and not exists (
                  select 1 from quality.service_line l where l.claim_id = c.id)""").param(fileId).query(Integer.class).single()).isZero();

        var resumed = claims.importFile(file, "test");
        assertThat(resumed.fileId()).isEqualTo(fileId);
        assertThat(resumed.refused()).isFalse();
        assertThat(resumed.accepted()).isEqualTo(clean.accepted());
        assertThat(resumed.serviceLines()).isEqualTo(clean.serviceLines());
        assertThat(resumed.rejects()).isEqualTo(clean.rejects());
        assertThat(snapshot(fileId)).isEqualTo(expected);
        assertThat(claims.importFile(file, "test").refused()).isTrue();
    }

    /**
     * Two instances on one file at the same moment (issue #21): while a separate JVM imports it, a second importer (its
     * own instance lock, as another instance has) is refused at once and stores nothing; after that JVM is killed, two
     * importers resume it at the same moment: one finishes it, the other is refused, and the file ends exactly as an
     * uninterrupted import, every claim stored once.
     */
    @Test
    void aFileBeingImportedIsClaimedInTheDatabaseSoASecondInstanceNeverWritesItTwice() throws Exception {
        Path file = writeFile();
        var clean = claims.importFile(file, "test");
        String expected = snapshot(clean.fileId());
        forget(clean.fileId());

        Process child =
                ChildJvm.start(dataSource, dir.resolve("child.log"), ClaimCrashMain.class, file.toString(), "50");
        long fileId = waitForChunks(child);
        var otherInstance = ClaimCrashMain.claimImport(dataSource, 200, Duration.ZERO);
        var whileRunning = otherInstance.importFile(file, "test");
        assertThat(child.isAlive()).as("the first import was still running").isTrue();
        assertThat(whileRunning.busy()).as(whileRunning.summary()).isTrue();
        assertThat(jdbc.sql("select count(*) from quality.claim_file where file_name = 'crash.837'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        child.destroyForcibly().waitFor();

        var start = new java.util.concurrent.CyclicBarrier(2);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> {
                start.await();
                return claims.importFile(file, "test");
            });
            var second = pool.submit(() -> {
                start.await();
                return otherInstance.importFile(file, "test");
            });
            var reports = java.util.List.of(first.get(), second.get());
            assertThat(reports).filteredOn(r -> !r.refused()).singleElement().satisfies(r -> {
                assertThat(r.fileId()).isEqualTo(fileId);
                assertThat(r.accepted()).isEqualTo(clean.accepted());
            });
            assertThat(reports).filteredOn(ClaimImportReport::refused).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(snapshot(fileId)).isEqualTo(expected);
    }

    /** A synthetic 837P over a few members, with claim numbers of this run and one claim per 40 for a non-member. */
    private Path writeFile() throws Exception {
        var members = new ArrayList<SyntheticClaims.Member>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (members.size() < 300) members.add(new SyntheticClaims.Member(m.memberId(), m.birthDate(), m.sex()));
        });
        members.add(new SyntheticClaims.Member("NOTAMEMBER9", LocalDate.of(1980, 1, 1), "F"));
        var out = new StringWriter();
        new SyntheticClaims(ThreadLocalRandom.current().nextLong(), 2026).write(members, CLAIMS, out);
        var run = UUID.randomUUID().toString().substring(0, 8);
        Path file = dir.resolve("crash.837");
        Files.writeString(file, out.toString().replace("CLM*SYN", "CLM*" + run), StandardCharsets.US_ASCII);
        return file;
    }

    /** The file's claims with their lines, and its rejects, as one comparable text (without the generated ids). */
    private String snapshot(long fileId) {
        String claimRows = jdbc.sql("""
                select md5(string_agg(concat_ws('|', c.segment_number, c.patient_control_number, c.form,
                    c.frequency_code, c.status, c.member_id, c.billing_npi, c.statement_from, c.total_charge,
                    c.diagnoses, (select string_agg(concat_ws(':', l.line_number, l.service_from, l.procedure_code,
                    l.modifiers, l.charge, l.units), ';' order by l.line_number) from quality.service_line l
                    where l.claim_id = c.id)), ',' order by c.segment_number)) || count(*)
                from quality.claim c where c.file_id = ?""").param(fileId).query(String.class).single();
        String rejects = jdbc.sql("""
                select md5(string_agg(concat_ws('|', segment_number, segment_tag, loop_id, patient_control_number,
                    reason), ',' order by segment_number)) || count(*)
                from quality.claim_reject where file_id = ?""").param(fileId).query(String.class).single();
        String counts = jdbc.sql("""
                select concat_ws('|', claims_accepted, claims_rejected, service_lines, claims_done, status)
                from quality.claim_file where id = ?""").param(fileId).query(String.class).single();
        return claimRows + "/" + rejects + "/" + counts;
    }

    private void forget(long fileId) {
        jdbc.sql("delete from quality.claim_file where id = ?").param(fileId).update();
    }

    /** Waits until the child has committed a few chunks of the file, then returns the file's id. */
    private long waitForChunks(Process child) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as(
                            "child import still running; log: %s",
                            Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "")
                    .isTrue();
            var running = jdbc.sql("""
                    select id from quality.claim_file
                    where status = 'importing' and claims_done >= 1000 and file_name = 'crash.837'
                    order by id desc limit 1""").query(Long.class).optional();
            if (running.isPresent()) return running.get();
            Thread.sleep(20);
        }
        throw new AssertionError("the child import never committed a chunk");
    }
}
