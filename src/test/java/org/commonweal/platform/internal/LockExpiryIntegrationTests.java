package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.ClusterJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances, one killed (SIGKILL) while it runs a cluster job: its lock stays in {@code platform.shedlock} until
 * the job's lock-at-most time, during which the surviving instance's schedule does not run the job; once the lock has
 * expired the next schedule runs it, once. The dead instance is a separate JVM ({@link ClusterJobCrashMain}); the
 * survivor is this test's application.
 */
@IntegrationTest
class LockExpiryIntegrationTests {

    private static final long LOCK_AT_MOST_SECONDS = 8;

    @Autowired
    ClusterJobs jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void aJobWhoseInstanceWasKilledRunsOnTheOtherAfterTheLockExpiresAndRunsOnce() throws Exception {
        String job = "lock-expiry-drill-" + UUID.randomUUID().toString().substring(0, 8);
        Process child = ChildJvm.start(
                dataSource,
                dir.resolve("child.log"),
                ClusterJobCrashMain.class,
                job,
                String.valueOf(LOCK_AT_MOST_SECONDS));
        long childPid = child.pid();
        try {
            waitUntilRunning(child, job);
        } finally {
            child.destroyForcibly().waitFor(); // SIGKILL: no finally, no lock release
        }
        Instant killed = Instant.now();
        Instant lockUntil = jdbc.sql("select lock_until from platform.shedlock where name = ?")
                .param(job)
                .query(java.sql.Timestamp.class)
                .single()
                .toInstant();
        assertThat(lockUntil).as("the dead instance's lock is still held").isAfter(killed);

        // the survivor's schedule fires every 500 ms: nothing runs until the lock expires, then the job runs once
        AtomicInteger runs = new AtomicInteger();
        Instant firstRun = null;
        int refusedWhileLocked = 0;
        Instant deadline = lockUntil.plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            Instant fired = Instant.now();
            boolean ran = jobs.runOnce(job, Duration.ofMinutes(1), Duration.ofMinutes(1), runs::incrementAndGet);
            if (ran && firstRun == null) {
                firstRun = fired;
            } else if (!ran && firstRun == null) {
                refusedWhileLocked++;
            }
            Thread.sleep(500);
            if (firstRun != null && fired.isAfter(firstRun.plusSeconds(3))) {
                break;
            }
        }
        assertThat(refusedWhileLocked).as("the survivor waited for the lock").isPositive();
        assertThat(firstRun)
                .as("the survivor ran the job after the lock expired")
                .isNotNull();
        assertThat(firstRun).isAfterOrEqualTo(lockUntil.minusMillis(600)); // the database's clock decides
        assertThat(runs).as("run once: lock-at-least keeps later schedules off").hasValue(1);

        List<String> history =
                jdbc.sql("""
                select case when finished_at is null then 'unfinished' else outcome end || ' ' ||
                    case when instance like ? then 'killed' else 'survivor' end
                from platform.job_run where job_name = ? order by id""").params(childPid + "@%", job).query(String.class).list();
        assertThat(history).containsExactly("unfinished killed", "succeeded survivor");
        System.out.printf(
                "lock expiry drill: killed at %s, lock until %s, survivor ran at %s (%d refusals)%n",
                killed, lockUntil, firstRun, refusedWhileLocked);
    }

    private void waitUntilRunning(Process child, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive())
                    .as("child still running; log: %s", Files.readString(dir.resolve("child.log")))
                    .isTrue();
            if (Files.readString(dir.resolve("child.log")).contains("RUNNING")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the child never took the lock");
    }
}
