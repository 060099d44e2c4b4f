package org.commonweal.adequacy.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each stored run's masked reading, decided once per run (#19). A run's results never change once stored, so its
 * small-cell masks (every product line and provider type: the summary, the SPAs and regions, the gap ZIPs, the trend)
 * are decided right after the run is stored, in the background, and for the newest runs when the application starts;
 * pages and exports of a run read them instead of putting every provider type through the rule on each view. The rule
 * is deterministic (the same results, in the order {@link AdequacyStore#results} reads them, give the same masks), so
 * every node of a cluster decides the same masks for a run; each node looks for new runs every minute.
 */
@Component
public class RunDisclosures {

    private static final Logger log = LoggerFactory.getLogger(RunDisclosures.class);

    /** Runs whose masks are kept: the summary's trend shows the last twelve. */
    static final int KEPT = 16;

    private final AdequacyStore store;
    private final Map<Long, AdequacyDisclosure> decided = new ConcurrentHashMap<>();
    private final java.util.Set<Long> queued = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong decisions = new java.util.concurrent.atomic.AtomicLong();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "adequacy-masks");
        t.setDaemon(true);
        return t;
    });

    RunDisclosures(AdequacyStore store) {
        this.store = store;
    }

    /** A run as {@code suppress} readers may see it; {@code results} are the run's stored results. */
    public AdequacyDisclosure of(long runId, List<ZipResult> results, boolean suppress) {
        if (!suppress) {
            return AdequacyDisclosure.of(results, false);
        }
        AdequacyDisclosure masks = decided.computeIfAbsent(runId, id -> decide(id, results));
        while (decided.size() > KEPT) {
            decided.keySet().stream().min(Long::compare).ifPresent(decided::remove);
        }
        return masks;
    }

    /** Whether the masks of a run are decided and kept. */
    public boolean decided(long runId) {
        return decided.containsKey(runId);
    }

    /** How many runs' masks this node has decided (a page view of a decided run adds none). */
    public long decisions() {
        return decisions.get();
    }

    /** Decides a stored run's masks off the caller's thread (called once the run is stored). */
    public void decideInBackground(long runId) {
        if (decided.containsKey(runId) || !queued.add(runId)) {
            return;
        }
        background.execute(() -> {
            try {
                of(runId, store.results(runId), true);
            } catch (RuntimeException e) {
                log.warn("adequacy masks of run {} not decided in the background: {}", runId, e.toString());
            } finally {
                queued.remove(runId);
            }
        });
    }

    /**
     * The newest runs' masks, at start-up and then every minute: a run stored by another node of the cluster is
     * decided here too before a reader asks for it.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void decideNewestRuns() {
        store.runs().stream().limit(12).map(RunSummary::id).forEach(this::decideInBackground);
    }

    private AdequacyDisclosure decide(long runId, List<ZipResult> results) {
        decisions.incrementAndGet();
        long started = System.nanoTime();
        AdequacyDisclosure masks = AdequacyDisclosure.of(results, true).decideAll();
        log.info("adequacy masks of run {} decided in {} ms", runId, (System.nanoTime() - started) / 1_000_000);
        return masks;
    }
}
