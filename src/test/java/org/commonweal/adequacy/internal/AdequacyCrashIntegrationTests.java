package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): {@code kill -9} of the application while the {@code adequacy} command stores its run. The
 * command runs in its own JVM (the application in production mode on the tests' database); the test holds a share
 * lock on {@code adequacy.run_zip_result} so that the child stops at its first write of results, whatever the speed of
 * the machine, and kills it there. Nothing of the killed run may be visible, before or after (the run and its results
 * are stored in one transaction); a rerun gives the results of an undisturbed run.
 */
@IntegrationTest
class AdequacyCrashIntegrationTests {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));

    @Autowired
    AdequacyService service;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void aRunKilledWhileStoringLeavesNothingAndARerunMatchesAnUndisturbedRun() throws Exception {
        Adequacy.RunSummary undisturbed = service.run(TODAY, null, "test");
        String expected = results(undisturbed.id());
        assertThat(resultCount(undisturbed.id())).isPositive();
        long lastRun = undisturbed.id();

        Path log = dir.resolve("child.log");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table adequacy.run_zip_result in share mode");
            }
            Process child = ChildJvm.command(
                    dataSource,
                    log,
                    dir.resolve("app"),
                    "adequacy",
                    "--date",
                    TODAY.toString(),
                    "--out",
                    dir.resolve("out").toString());
            try {
                ChildJvm.await(
                        child,
                        log,
                        Duration.ofMinutes(3),
                        "the child's run writing its results",
                        () -> waitingToWriteResults() || runsAfter(lastRun) > 0);
                assertThat(runsAfter(lastRun))
                        .as("the run being stored is not visible before it is whole")
                        .isZero();
            } finally {
                child.destroyForcibly().waitFor();
            }
            holder.rollback();
        }
        awaitNoWriterLeft();
        assertThat(runsAfter(lastRun)).as("nothing of the killed run is left").isZero();
        assertThat(jdbc.sql("select count(*) from adequacy.run_zip_result where run_id > ?")
                        .param(lastRun)
                        .query(Integer.class)
                        .single())
                .isZero();

        Adequacy.RunSummary rerun = service.run(TODAY, null, "test");
        assertThat(rerun.members()).isEqualTo(undisturbed.members());
        assertThat(rerun.membershipFingerprint()).isEqualTo(undisturbed.membershipFingerprint());
        assertThat(rerun.directoryFingerprint()).isEqualTo(undisturbed.directoryFingerprint());
        assertThat(results(rerun.id()))
                .as("the rerun's results are those of an undisturbed run")
                .isEqualTo(expected);
        System.out.printf(
                "adequacy kill -9 drill: killed while storing; %d result rows after the rerun, as" + " undisturbed%n",
                resultCount(rerun.id()));
    }

    /** The child's backend is blocked on the share lock while inserting results: it is in the middle of storing. */
    private boolean waitingToWriteResults() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%insert into adequacy.run_zip_result%'""").query(Integer.class).single() > 0;
    }

    /** The killed child's backend ends once it can write to its closed socket (after the lock is released). */
    private void awaitNoWriterLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("""
                select count(*) from pg_stat_activity
                where state <> 'idle' and pid <> pg_backend_pid() and query ilike '%adequacy.run_zip_result%'""").query(Integer.class).single() > 0) {
            assertThat(System.nanoTime()).as("the killed run's backend ended").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private int runsAfter(long id) {
        return jdbc.sql("select count(*) from adequacy.run where id > ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    private int resultCount(long runId) {
        return jdbc.sql("select count(*) from adequacy.run_zip_result where run_id = ?")
                .param(runId)
                .query(Integer.class)
                .single();
    }

    private String results(long runId) {
        return jdbc.sql("""
                select md5(string_agg(concat_ws('|', product_line, provider_type, zip, spa, rcac_region, members, met,
                    met_by_miles, met_by_minutes, met_by_alternative, max_miles, sum_miles),
                    ',' order by product_line, provider_type, zip)) || count(*)
                from adequacy.run_zip_result where run_id = ?""").param(runId).query(String.class).single();
    }
}
