package org.commonweal.demo.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoScale;
import org.commonweal.geography.Geography;
import org.commonweal.platform.PlanIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the modules' generators in order, each once per dataset, and remembers what ran at which scale, and which rows
 * each wrote: the PostgreSQL transaction ids at the start and the end of its run ({@code demo.provenance}). A row of a
 * generator's tables written by any other transaction (an import, a user, a job) is foreign: while a generator's
 * tables hold foreign rows, it is never reset unless the caller says so ({@code generate --force}).
 */
@Component
class DemoDatasets {

    private static final Logger log = LoggerFactory.getLogger(DemoDatasets.class);

    private final List<DemoDataGenerator> generators;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Geography geography;
    private final TransactionTemplate transaction;

    private final ZoneId zone;

    DemoDatasets(
            ObjectProvider<DemoDataGenerator> generators,
            JdbcClient jdbc,
            DataSource dataSource,
            Geography geography,
            PlanIdentity plan,
            PlatformTransactionManager transactions) {
        this.transaction = new TransactionTemplate(transactions);
        this.zone = plan.timeZone();
        this.generators = generators.stream()
                .sorted(Comparator.comparingInt(DemoDataGenerator::order).thenComparing(DemoDataGenerator::name))
                .toList();
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.geography = geography;
    }

    List<DemoDataGenerator> generators() {
        return generators;
    }

    record Generated(String scale, long seed, long rows, long millis) {}

    Optional<Generated> generated(String name) {
        return jdbc.sql("select scale, seed, rows_written, millis from demo.generated where generator = ?")
                .param(name)
                .query((rs, n) -> new Generated(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /** How many rows of one of a generator's tables it did not write itself, and how many rows it holds in all. */
    record TableRows(String table, long foreign, long total) {}

    /**
     * Every table of the generator that holds rows, with how many of them the generator did not write. A row is its
     * own when its {@code xmin} (the transaction that wrote it) falls between the start and the end of the
     * generator's last run (one transaction, so its start and end are one id); with no run recorded every row is
     * foreign. A run recorded with a start and no end (a data directory from before runs were one transaction) counts
     * every row written since its start as its own. Transaction ages are 32-bit: past two billion transactions an own row may
     * look foreign, which only ever errs on the side of keeping data.
     */
    List<TableRows> rows(DemoDataGenerator generator) {
        var provenance = jdbc.sql("select started_xid, finished_xid from demo.provenance where generator = ?")
                .param(generator.name())
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getObject(2) == null ? Long.MAX_VALUE : rs.getLong(2)})
                .optional();
        List<TableRows> rows = new ArrayList<>();
        for (String table : generator.tables()) {
            if (!table.matches("[a-z_]+\\.[a-z_0-9]+")) {
                throw new IllegalStateException(generator.name() + ": not a schema-qualified table: " + table);
            }
            TableRows counted = provenance.isEmpty()
                    ? jdbc.sql("select count(*), count(*) from " + table)
                            .query((rs, n) -> new TableRows(table, rs.getLong(1), rs.getLong(2)))
                            .single()
                    // own rows were written at most (now - started) and at least (now - finished) transactions ago
                    : jdbc.sql("with now as materialized (select pg_current_xact_id()::text::bigint xid)"
                                    + " select count(*) filter (where age(t.xmin) > now.xid - ? or age(t.xmin) < now.xid - ?),"
                                    + " count(*) from " + table + " t, now group by now.xid")
                            .params(provenance.get()[0], Math.min(provenance.get()[1], Long.MAX_VALUE / 2))
                            .query((rs, n) -> new TableRows(table, rs.getLong(1), rs.getLong(2)))
                            .optional()
                            .orElse(new TableRows(table, 0, 0));
            if (counted.total() > 0) {
                rows.add(counted);
            }
        }
        return rows;
    }

    /** The foreign rows of a generator's tables, named for people: "network.practitioner: 2,000 rows, …". */
    static String describeForeign(List<TableRows> rows) {
        return String.join(
                ", ",
                rows.stream()
                        .filter(r -> r.foreign() > 0)
                        .map(r -> String.format("%s: %,d rows", r.table(), r.foreign()))
                        .toList());
    }

    /**
     * Runs one generator (after a reset when it ran before) and records it; refuses when its tables hold rows it did
     * not write.
     */
    Generated run(DemoDataGenerator generator, DemoScale scale, long seed) throws Exception {
        return run(generator, scale, seed, false);
    }

    /**
     * Runs one generator after a reset, and records it, in one transaction: a run killed or failed half-way leaves the
     * dataset as it was before (readers never see it half-built), and its provenance too, so rows a user or an import
     * writes afterwards stay foreign. Unless {@code replaceForeign}, refuses (before deleting anything) when its tables
     * hold rows it did not write.
     */
    Generated run(DemoDataGenerator generator, DemoScale scale, long seed, boolean replaceForeign) throws Exception {
        try {
            return transaction.execute(status -> {
                try {
                    return runInTransaction(generator, scale, seed, replaceForeign);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new GeneratorFailed(e);
                }
            });
        } catch (GeneratorFailed e) {
            throw (Exception) e.getCause();
        }
    }

    /** Carries a generator's checked exception out of the transaction (which it rolls back). */
    private static final class GeneratorFailed extends RuntimeException {
        GeneratorFailed(Exception cause) {
            super(cause);
        }
    }

    private Generated runInTransaction(DemoDataGenerator generator, DemoScale scale, long seed, boolean replaceForeign)
            throws Exception {
        if (!replaceForeign) {
            var rows = rows(generator);
            if (rows.stream().anyMatch(r -> r.foreign() > 0)) {
                throw new IllegalStateException(generator.name() + " holds rows the demo generator did not write ("
                        + describeForeign(rows) + "); not reset");
            }
        }
        var context = new SeededDemoContext(
                scale, seed, new DemoPeople(geography.zips(), LocalDate.now(zone)), jdbc, dataSource);
        long started = System.nanoTime();
        generator.reset(context);
        long rows = generator.generate(context);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // recorded last, in the run's transaction: its rows are exactly those of this transaction id
        jdbc.sql("delete from demo.generated where generator = ?")
                .param(generator.name())
                .update();
        jdbc.sql("insert into demo.generated (generator, scale, seed, rows_written, millis) values (?, ?, ?, ?, ?)")
                .params(generator.name(), scale.name().toLowerCase(), seed, rows, millis)
                .update();
        jdbc.sql("insert into demo.provenance (generator, started_xid, finished_xid) values (?,"
                        + " pg_current_xact_id()::text::bigint, pg_current_xact_id()::text::bigint) on conflict (generator)"
                        + " do update set started_xid = excluded.started_xid, finished_xid = excluded.finished_xid")
                .param(generator.name())
                .update();
        log.info(
                "Demo data {}: {} rows at {} scale in {} ms",
                generator.name(),
                rows,
                scale.name().toLowerCase(),
                millis);
        return new Generated(scale.name().toLowerCase(), seed, rows, millis);
    }
}
