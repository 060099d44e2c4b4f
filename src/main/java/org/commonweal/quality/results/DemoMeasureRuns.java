package org.commonweal.quality.results;

import java.time.LocalDate;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.quality.measure.MeasureCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In demo mode, once the demo's claims are loaded ({@code claims.CareDemoData}) and before any measure has run: every
 * measure with content runs once for this year with our engine, so the quality pages open on rates. Never when a run
 * exists (the plan's own, or an earlier start's), nor when the claims are not the demo's.
 */
@Component
@Order(30) // after DemoLoader (20)
@ConditionalOnProperty(name = "commonweal.demo.quality-care", havingValue = "true", matchIfMissing = true)
class DemoMeasureRuns implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoMeasureRuns.class);

    private final RuntimeMode mode;
    private final JdbcClient jdbc;
    private final OwnEngineRuns runs;
    private final MeasureCatalog catalog;

    DemoMeasureRuns(RuntimeMode mode, JdbcClient jdbc, OwnEngineRuns runs, MeasureCatalog catalog) {
        this.mode = mode;
        this.jdbc = jdbc;
        this.runs = runs;
        this.catalog = catalog;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!mode.demo() || mode.commandMode()) return;
        boolean demoClaims = jdbc.sql("select exists (select 1 from quality.claim_file where received_by = 'demo')")
                .query(Boolean.class)
                .single();
        boolean anyRun = jdbc.sql("select exists (select 1 from quality.measure_run)")
                .query(Boolean.class)
                .single();
        if (!demoClaims || anyRun) return;
        var measures =
                MeasureCatalog.SUPPORTED.stream().filter(catalog::available).toList();
        if (measures.isEmpty()) return;
        int year = LocalDate.now().getYear();
        long started = System.nanoTime();
        var summaries = runs.run(measures, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), "demo");
        log.info(
                "Demo quality: {} measures run for {} over {} members in {} ms",
                summaries.size(),
                year,
                summaries.isEmpty() ? 0 : summaries.getFirst().members(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
