package org.commonweal.platform;

/**
 * Runs the work of an uploaded file (an import) after the request that received it has answered: a bounded pool
 * ({@code commonweal.uploads.threads} workers, {@code commonweal.uploads.queue} waiting) on a Spring
 * {@code TaskExecutor}, so no request waits for an import and a burst of uploads cannot start unbounded threads.
 */
public interface UploadTasks {

    /**
     * Queues {@code task}; throws {@link Busy} when every worker is busy and the queue is full (the page then says to
     * try again later; nothing was started).
     */
    void submit(String name, Runnable task);

    /** Every worker is busy and the queue is full. */
    final class Busy extends RuntimeException {

        public Busy(String name) {
            super("upload workers busy: " + name + " not started");
        }
    }
}
