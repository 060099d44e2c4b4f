package org.commonweal.adequacy.internal;

import jakarta.annotation.PreDestroy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.adequacy.internal.AdequacyDisclosure.CellMasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each run's small-cell masks, decided once per run and stored with it (#19, {@code adequacy.run_mask}). A run's
 * results never change once stored, so its masks are decided after the transaction that stores it commits, on a task
 * executor of one thread; pages and exports read them. Until they are stored a view decides the masks it needs itself
 * (and stores them), so a view never waits and never fails for want of masks. A stored row is used only for the
 * publication it was decided over (its run, product line and provider type, and the digest of exactly those results
 * and the rule); anything else is decided on the view.
 */
@Component
public class RunMasks {

    private static final Logger log = LoggerFactory.getLogger(RunMasks.class);

    private final AdequacyStore store;
    private final JdbcClient jdbc;
    private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
    private final AtomicLong decidedOnView = new AtomicLong();

    /** Set when the context closes: a decision interrupted then is not a fault. */
    private volatile boolean stopping;

    RunMasks(AdequacyStore store, JdbcClient jdbc) {
        this.store = store;
        this.jdbc = jdbc;
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("adequacy-masks-");
        executor.setDaemon(true);
        executor.initialize();
    }

    /** A run as a reader may see it: with the run's stored masks when {@code suppress}. */
    public AdequacyDisclosure disclosure(long runId, List<ZipResult> results, boolean suppress) {
        if (!suppress) {
            return AdequacyDisclosure.of(results, false);
        }
        return AdequacyDisclosure.suppressed(results, stored(runId), masks -> {
            decidedOnView.incrementAndGet();
            save(runId, masks, "view");
        });
    }

    /** Publications whose masks a view had to decide itself (their masks were not stored yet), since start. */
    public long decidedOnView() {
        return decidedOnView.get();
    }

    /**
     * Decides a stored run's masks in the background once the caller's transaction commits (at once without one):
     * before the commit its results are not visible to another connection, and a rolled-back run has none to mask.
     */
    void decideAfterCommit(long runId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue(runId);
                }
            });
        } else {
            queue(runId);
        }
    }

    /**
     * The newest run's masks, when the application starts (a run stored by a command, or masks stored under an older
     * rule): in the background, and only for the publications that need it ({@link #decideStale}).
     */
    @EventListener(ApplicationReadyEvent.class)
    void decideNewestRun() {
        store.runs().stream().findFirst().map(RunSummary::id).ifPresent(id -> queue(id, () -> decideStale(id)));
    }

    /**
     * Decides the masks of a run's publications that have none stored under this rule, or whose digest is not that
     * of their results; returns how many were decided. The cheap check first: one count of the run's publications
     * against its rows stored under this rule ({@link AdequacyDisclosure#RULE_DIGEST}); a run's results never change
     * once stored, so when every publication has one, nothing is read or decided. Otherwise {@link #decide}.
     */
    int decideStale(long runId) {
        long started = System.nanoTime();
        var counts = jdbc.sql("""
                select (select count(*) from (select distinct product_line, provider_type
                                                from adequacy.run_zip_result where run_id = :run) p),
                       (select count(*) from adequacy.run_mask where run_id = :run and rule_digest = :rule)""")
                .param("run", runId)
                .param("rule", AdequacyDisclosure.RULE_DIGEST)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        if (counts[0] == counts[1]) {
            log.info(
                    "adequacy masks of run {}: all {} publication(s) stored under this rule, none decided ({} ms)",
                    runId,
                    counts[0],
                    (System.nanoTime() - started) / 1_000_000);
            return 0;
        }
        return decide(runId);
    }

    private void queue(long runId) {
        queue(runId, () -> decide(runId));
    }

    private void queue(long runId, Runnable decision) {
        try {
            executor.execute(() -> decideLogged(runId, decision));
        } catch (TaskRejectedException e) {
            // stopping (the run is stored all the same: its masks are decided by the views)
            log.info(
                    "adequacy masks of run {} left to the views: {}",
                    runId,
                    e.getClass().getSimpleName());
        }
    }

    private void decideLogged(long runId, Runnable decision) {
        try {
            decision.run();
        } catch (RuntimeException e) {
            // views decide the masks they need until then; the message names no member
            if (stopping) {
                log.info("adequacy masks of run {} left to the views: the application is stopping", runId);
            } else {
                log.warn("adequacy masks of run {} not decided in the background: {}", runId, e.toString());
            }
        }
    }

    /**
     * Decides and stores the masks of every publication of a run that has none stored for its results; returns how
     * many were decided.
     */
    int decide(long runId) {
        long started = System.nanoTime();
        Map<String, CellMasks> stored = stored(runId);
        int decided = 0;
        for (var cell : AdequacyDisclosure.byCell(store.results(runId)).entrySet()) {
            CellMasks kept = stored.get(cell.getKey());
            if (kept != null && kept.digest().equals(AdequacyDisclosure.digest(cell.getValue()))) {
                continue;
            }
            ZipResult first = cell.getValue().getFirst();
            save(
                    runId,
                    AdequacyDisclosure.decide(first.productLine(), first.providerType(), cell.getValue()),
                    "background");
            decided++;
        }
        log.info(
                "adequacy masks of run {}: {} publication(s) decided in the background in {} ms",
                runId,
                decided,
                (System.nanoTime() - started) / 1_000_000);
        return decided;
    }

    /** The masks stored for a run, by publication. */
    Map<String, CellMasks> stored(long runId) {
        Map<String, CellMasks> stored = new HashMap<>();
        jdbc.sql("""
                select product_line, provider_type, results_digest, masked, small_cells, unaudited, decided_ms
                  from adequacy.run_mask where run_id = ?""")
                .param(runId)
                .query((rs, n) -> new CellMasks(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        Set.of((String[]) rs.getArray(4).getArray()),
                        rs.getInt(5),
                        rs.getInt(6),
                        rs.getLong(7)))
                .list()
                .forEach(m -> stored.put(AdequacyDisclosure.cell(m.productLine(), m.providerType()), m));
        return stored;
    }

    /** Stores one publication's masks, replacing masks decided over other results or by another rule. */
    private void save(long runId, CellMasks masks, String by) {
        try {
            jdbc.sql("""
                    insert into adequacy.run_mask (run_id, product_line, provider_type, results_digest, masked,
                        small_cells, unaudited, decided_ms, decided_by, rule_digest)
                    values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?)
                    on conflict (run_id, product_line, provider_type) do update set
                        results_digest = excluded.results_digest, masked = excluded.masked,
                        rule_digest = excluded.rule_digest,
                        small_cells = excluded.small_cells, unaudited = excluded.unaudited,
                        decided_ms = excluded.decided_ms, decided_by = excluded.decided_by, decided_at = now()
                     where adequacy.run_mask.results_digest <> excluded.results_digest""")
                    .params(
                            runId,
                            masks.productLine(),
                            masks.providerType(),
                            masks.digest(),
                            textArray(masks.masked()),
                            masks.smallCells(),
                            masks.unaudited(),
                            masks.millis(),
                            by,
                            AdequacyDisclosure.RULE_DIGEST)
                    .update();
        } catch (RuntimeException e) {
            // a run removed meanwhile, or the database unavailable: the masks are decided again when next needed
            log.warn(
                    "adequacy masks of run {} not stored: {}",
                    runId,
                    e.getClass().getSimpleName());
        }
    }

    /** A PostgreSQL text[] literal; the keys hold letters, digits, '/' and '-' only, quoted all the same. */
    private static String textArray(Set<String> values) {
        StringBuilder s = new StringBuilder("{");
        values.stream().sorted().forEach(v -> {
            if (s.length() > 1) {
                s.append(',');
            }
            s.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        });
        return s.append('}').toString();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        executor.shutdown();
    }
}
