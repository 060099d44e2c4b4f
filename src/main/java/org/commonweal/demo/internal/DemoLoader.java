package org.commonweal.demo.internal;

import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoScale;
import org.commonweal.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In demo mode, on start: any generator that has not run yet runs at the configured scale (small by default), unless
 * its tables hold rows it did not write (an import before the first start, data entered by users): that module is left
 * alone, and the log says which tables and why.
 */
@Component
@Order(20)
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private final DemoDatasets datasets;
    private final RuntimeMode mode;
    private final boolean enabled;
    private final DemoScale scale;
    private final long seed;

    DemoLoader(
            DemoDatasets datasets,
            RuntimeMode mode,
            @Value("${commonweal.demo.load:true}") boolean enabled,
            @Value("${commonweal.demo.scale:small}") String scale,
            @Value("${commonweal.demo.seed:2026}") long seed) {
        this.datasets = datasets;
        this.mode = mode;
        this.enabled = enabled;
        this.scale = DemoScale.parse(scale);
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!mode.demo() || mode.commandMode() || !enabled) {
            return;
        }
        for (DemoDataGenerator generator : datasets.generators()) {
            if (datasets.generated(generator.name()).isPresent()) {
                continue;
            }
            var rows = datasets.rows(generator);
            if (rows.stream().anyMatch(r -> r.foreign() > 0)) {
                log.warn(
                        "Demo data {}: not loaded, the module is left alone: it holds data the demo generator did not"
                                + " write (imported or entered by users) - {}. `generate --only {} --force` would replace it.",
                        generator.name(),
                        DemoDatasets.describeForeign(rows),
                        generator.name());
                continue;
            }
            datasets.run(generator, scale, seed);
        }
    }
}
