package org.commonweal.demo.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoScale;
import org.commonweal.geography.Geography;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Runs the modules' generators in order, each once per dataset, and remembers what ran at which scale. */
@Component
class DemoDatasets {

    private static final Logger log = LoggerFactory.getLogger(DemoDatasets.class);

    private final List<DemoDataGenerator> generators;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final Geography geography;

    DemoDatasets(ObjectProvider<DemoDataGenerator> generators, JdbcClient jdbc, DataSource dataSource,
            Geography geography) {
        this.generators = generators.stream().sorted(Comparator.comparingInt(DemoDataGenerator::order)
                .thenComparing(DemoDataGenerator::name)).toList();
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.geography = geography;
    }

    List<DemoDataGenerator> generators() {
        return generators;
    }

    record Generated(String scale, long seed, long rows, long millis) {
    }

    Optional<Generated> generated(String name) {
        return jdbc.sql("select scale, seed, rows_written, millis from demo.generated where generator = ?")
                .param(name)
                .query((rs, n) -> new Generated(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                .optional();
    }

    /** Runs one generator (after a reset when it ran before) and records it. */
    Generated run(DemoDataGenerator generator, DemoScale scale, long seed) throws Exception {
        var context = new SeededDemoContext(scale, seed,
                new DemoPeople(geography.zips(), LocalDate.now(ZoneId.of("America/Los_Angeles"))), jdbc, dataSource);
        long started = System.nanoTime();
        // always reset: a run that failed half-way left rows but no record of itself
        generator.reset(context);
        jdbc.sql("delete from demo.generated where generator = ?").param(generator.name()).update();
        long rows = generator.generate(context);
        long millis = (System.nanoTime() - started) / 1_000_000;
        jdbc.sql("insert into demo.generated (generator, scale, seed, rows_written, millis) values (?, ?, ?, ?, ?)")
                .params(generator.name(), scale.name().toLowerCase(), seed, rows, millis).update();
        log.info("Demo data {}: {} rows at {} scale in {} ms", generator.name(), rows, scale.name().toLowerCase(),
                millis);
        return new Generated(scale.name().toLowerCase(), seed, rows, millis);
    }
}
