package org.commonweal.adequacy.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.commonweal.network.LocationChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps adequacy current as the directory changes. Events are coalesced: each location's latest state waits in a
 * queue until no new change has come for {@code quiet} (default 2 s), or {@code maxWait} (default 30 s) after the
 * first one, then the whole batch is applied by one call, which stores one run. A roster import changing 2,000
 * locations within seconds therefore makes one recompute (a full run, being more than
 * {@link AdequacyService#LOCATION_BATCH_LIMIT}), not 2,000. Changes arriving while a batch is being applied wait
 * for the next batch.
 */
@Component
class DirectoryChanges implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DirectoryChanges.class);

    private final AdequacyService service;
    private final long quietNanos;
    private final long maxWaitNanos;
    private final Map<String, LocationChanged> pending = new LinkedHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "adequacy-directory-changes");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> scheduled;
    private long firstQueuedAt;

    DirectoryChanges(AdequacyService service,
            @Value("${commonweal.adequacy.location-quiet:PT2S}") Duration quiet,
            @Value("${commonweal.adequacy.location-max-wait:PT30S}") Duration maxWait) {
        this.service = service;
        this.quietNanos = quiet.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** After the directory's transaction commits, asynchronously (Spring Modulith event publication registry). */
    @ApplicationModuleListener
    void on(LocationChanged event) {
        enqueue(event);
    }

    synchronized void enqueue(LocationChanged event) {
        long now = System.nanoTime();
        if (pending.isEmpty()) {
            firstQueuedAt = now;
        }
        pending.remove(event.locationId());
        pending.put(event.locationId(), event);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        long delay = Math.max(0, Math.min(quietNanos, firstQueuedAt + maxWaitNanos - now));
        scheduled = timer.schedule(this::drain, delay, TimeUnit.NANOSECONDS);
    }

    /** Location changes waiting to be applied. */
    synchronized int waiting() {
        return pending.size();
    }

    void drain() {
        List<LocationChanged> batch;
        synchronized (this) {
            batch = new ArrayList<>(pending.values());
            pending.clear();
            scheduled = null;
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            service.locationsChanged(batch, "system:directory-change").ifPresent(run -> log.info(
                    "adequacy kept current after {} location change(s): run {}", batch.size(), run.id()));
        } catch (RuntimeException e) {
            log.error("adequacy could not apply {} location change(s); the next full run will", batch.size(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
