package org.commonweal.platform;

import java.time.Duration;

/**
 * Runs scheduled work once across every application instance on the same database (a lock row per job name),
 * and records each run.
 */
public interface ClusterJobs {

    /**
     * Runs {@code task} unless another instance holds the job's lock.
     *
     * @param lockAtLeast how long the lock is kept after a quick run, so a second instance firing a moment later skips
     * @return whether this instance ran the task
     */
    boolean runOnce(String jobName, Duration lockAtMost, Duration lockAtLeast, Runnable task);
}
