package org.commonweal.platform.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.commonweal.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class ShedLockClusterJobs implements ClusterJobs {

    private static final Logger log = LoggerFactory.getLogger(ShedLockClusterJobs.class);

    private final LockingTaskExecutor executor;
    private final JdbcClient jdbc;
    private final String instance;

    ShedLockClusterJobs(LockProvider lockProvider, JdbcClient jdbc) {
        this.executor = new DefaultLockingTaskExecutor(lockProvider);
        this.jdbc = jdbc;
        this.instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public boolean runOnce(String jobName, Duration lockAtMost, Duration lockAtLeast, Runnable task) {
        var config = new LockConfiguration(Instant.now(), jobName, lockAtMost, lockAtLeast);
        try {
            return executor.executeWithLock(
                            (LockingTaskExecutor.TaskWithResult<Boolean>) () -> {
                                record(jobName, task);
                                return true;
                            },
                            config)
                    .wasExecuted();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("job " + jobName + " failed", e);
        }
    }

    private void record(String jobName, Runnable task) {
        long id = jdbc.sql("insert into platform.job_run (job_name, instance) values (?, ?) returning id")
                .params(jobName, instance)
                .query(Long.class)
                .single();
        try {
            task.run();
            jdbc.sql("update platform.job_run set finished_at = now(), outcome = 'succeeded' where id = ?")
                    .param(id)
                    .update();
        } catch (RuntimeException e) {
            log.warn("Job {} failed: {}", jobName, e.getClass().getSimpleName());
            jdbc.sql("update platform.job_run set finished_at = now(), outcome = 'failed', error = ? where id = ?")
                    .params(e.getClass().getName(), id)
                    .update();
            throw e;
        }
    }
}
