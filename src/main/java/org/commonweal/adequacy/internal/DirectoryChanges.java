package org.commonweal.adequacy.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.commonweal.network.LocationChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps adequacy current as the directory changes. Events are coalesced: each location's latest state waits in
 * {@link LocationChangeQueue} (a table, written in the listener's transaction, so a crash loses nothing: the
 * application applies what is queued when it starts) until no new change has come for {@code quiet} (default 2 s),
 * or {@code maxWait} (default 30 s) after the first one, then the whole batch is applied by one call, which stores
 * one run. A roster import changing 2,000 locations within seconds therefore makes one recompute (a full run, being
 * more than {@link AdequacyService#LOCATION_BATCH_LIMIT}), not 2,000. Changes arriving while a batch is being
 * applied wait for the next batch; a batch that fails stays queued for the next attempt.
 */
@Component
class DirectoryChanges implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryChanges.class);

    /** How long a claimed batch is this instance's; a crash releases it to the others (or a restart) after this. */
    static final Duration LEASE = Duration.ofMinutes(15);

    private final AdequacyService service;
    private final LocationChangeQueue queue;
    private final long quietNanos;
    private final long maxWaitNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "adequacy-directory-changes");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> scheduled;
    private long firstQueuedAt;
    private boolean waiting;

    DirectoryChanges(
            AdequacyService service,
            LocationChangeQueue queue,
            @Value("${commonweal.adequacy.location-quiet:PT2S}") Duration quiet,
            @Value("${commonweal.adequacy.location-max-wait:PT30S}") Duration maxWait) {
        this.service = service;
        this.queue = queue;
        this.quietNanos = quiet.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    /**
     * After the directory's transaction commits, asynchronously and in a transaction of its own (Spring Modulith
     * event publication registry): the change is queued in that transaction, so the publication is complete only
     * once the change is stored.
     */
    @ApplicationModuleListener
    void on(LocationChanged event) {
        queue.put(event);
        schedule();
    }

    /** Changes queued before a stop or a crash are applied when the application is ready. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        int queued = queue.size();
        if (queued > 0) {
            log.info("adequacy: {} directory change(s) queued before the last stop; applying them", queued);
            schedule();
        }
    }

    synchronized void schedule() {
        long now = System.nanoTime();
        if (!waiting) {
            firstQueuedAt = now;
            waiting = true;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        long delay = Math.max(0, Math.min(quietNanos, firstQueuedAt + maxWaitNanos - now));
        scheduled = timer.schedule(this::drain, delay, TimeUnit.NANOSECONDS);
    }

    /** Location changes waiting to be applied. */
    int waiting() {
        return queue.size();
    }

    void drain() {
        synchronized (this) {
            scheduled = null;
            waiting = false;
        }
        List<LocationChangeQueue.Queued> batch = queue.claim(LEASE);
        if (batch.isEmpty()) {
            return;
        }
        List<LocationChanged> changes =
                batch.stream().map(LocationChangeQueue.Queued::change).toList();
        try {
            service.locationsChanged(changes, "system:directory-change")
                    .ifPresent(run -> log.info(
                            "adequacy kept current after {} location change(s): run {}", changes.size(), run.id()));
            queue.applied(batch);
        } catch (RuntimeException e) {
            queue.release(batch);
            log.error(
                    "adequacy could not apply {} location change(s); they stay queued for the next attempt",
                    changes.size(),
                    e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
