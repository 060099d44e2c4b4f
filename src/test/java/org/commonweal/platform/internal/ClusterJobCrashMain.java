package org.commonweal.platform.internal;

import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A second application instance reduced to its cluster jobs, in its own JVM, for {@link LockExpiryIntegrationTests}:
 * the same lock provider (ShedLock on {@code platform.shedlock}, database time) and {@link ShedLockClusterJobs} as the
 * application, on the same database. It takes the job's lock, records its run and then works until it is killed.
 * Arguments: JDBC URL, user, job name, lock-at-most in seconds.
 */
public final class ClusterJobCrashMain {

    public static void main(String[] args) throws Exception {
        var dataSource = new PGSimpleDataSource();
        dataSource.setUrl(args[0]);
        dataSource.setUser(args[1]);
        var jobs = new ShedLockClusterJobs(
                new SchedulingConfiguration().lockProvider(dataSource), JdbcClient.create(dataSource));
        boolean ran = jobs.runOnce(args[2], Duration.ofSeconds(Long.parseLong(args[3])), Duration.ZERO, () -> {
            System.out.println("RUNNING");
            System.out.flush();
            try {
                Thread.sleep(Duration.ofMinutes(10)); // a long job: the test kills this JVM half-way
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println(ran ? "FINISHED" : "LOCKED");
    }
}
