package org.commonweal.quality.claims;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the claims and service lines in member order on disk. Claims arrive by date (a month's 837s, then the next), so
 * a member's few claims lie on as many pages spread over the whole table; a measure run reads the members in id order
 * and, with the claims in arrival order, fetched nearly one page per claim and per line, each page many times over
 * the run. {@code CLUSTER} rewrites both tables in the order of their member index ({@code claim_member},
 * {@code service_line_member}), so a run reads each page once. It holds an exclusive lock on both tables while it
 * rewrites them (imports and runs wait; the figures at full scale are in docs/benchmarks-quality.md), needs free disk
 * for a copy of each, and the order decays as new claims arrive: run it after the month's loads, before the run.
 */
@Component
public class ClaimOrder {

    private static final Logger log = LoggerFactory.getLogger(ClaimOrder.class);

    /** What compacting did: rows, seconds, and how ordered the claims were by member before and after (-1..1). */
    public record Compacted(long claims, long lines, double seconds, Double orderBefore, Double orderAfter) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    ClaimOrder(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * How closely the claims' physical order follows their members ({@code pg_stats.correlation} of {@code
     * claim.member_id}: 1 in member order, about 0 in arrival order); null before the table was analyzed.
     */
    public Double order() {
        return jdbc.sql("""
                select correlation from pg_stats
                where schemaname = 'quality' and tablename = 'claim' and attname = 'member_id'""").query(Double.class).optional().orElse(null);
    }

    /** Rewrites both tables in member order and analyzes them. */
    public Compacted compact() {
        jdbc.sql("analyze quality.claim").update();
        var before = order();
        long start = System.nanoTime();
        transactions.executeWithoutResult(status -> {
            // the sort of a rewrite spills to disk beyond maintenance_work_mem (64 MB by default)
            jdbc.sql("set local maintenance_work_mem = '1GB'").update();
            jdbc.sql("cluster quality.claim using claim_member").update();
            jdbc.sql("cluster quality.service_line using service_line_member").update();
        });
        jdbc.sql("analyze quality.claim").update();
        jdbc.sql("analyze quality.service_line").update();
        double seconds = (System.nanoTime() - start) / 1e9;
        long claims =
                jdbc.sql("select count(*) from quality.claim").query(Long.class).single();
        long lines = jdbc.sql("select count(*) from quality.service_line")
                .query(Long.class)
                .single();
        var after = order();
        log.info(
                "Claims put in member order: {} claims, {} service lines in {} s (order by member {} -> {})",
                claims,
                lines,
                String.format("%.1f", seconds),
                before,
                after);
        return new Compacted(claims, lines, seconds, before, after);
    }
}
