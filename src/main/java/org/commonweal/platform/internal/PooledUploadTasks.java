package org.commonweal.platform.internal;

import jakarta.annotation.PreDestroy;
import org.commonweal.platform.UploadTasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * {@link UploadTasks} on a {@link ThreadPoolTaskExecutor} held here rather than declared as a bean: a second
 * executor bean would make Spring Boot drop its own {@code applicationTaskExecutor}.
 */
@Component
class PooledUploadTasks implements UploadTasks {

    private static final Logger log = LoggerFactory.getLogger(PooledUploadTasks.class);

    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

    PooledUploadTasks(
            @Value("${commonweal.uploads.threads:2}") int threads, @Value("${commonweal.uploads.queue:8}") int queue) {
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setQueueCapacity(queue);
        executor.setThreadNamePrefix("upload-");
        executor.setDaemon(true);
        executor.initialize();
    }

    @Override
    public void submit(String name, Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // the message may quote the file's content: the type only
                    log.warn("Upload task {} failed: {}", name, e.getClass().getSimpleName());
                }
            });
        } catch (TaskRejectedException e) {
            throw new Busy(name);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
