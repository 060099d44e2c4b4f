package org.commonweal.demo.internal;

import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoScale;
import org.commonweal.platform.RuntimeMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** In demo mode, on start: any generator that has not run yet runs at the configured scale (small by default). */
@Component
@Order(20)
class DemoLoader implements ApplicationRunner {

    private final DemoDatasets datasets;
    private final RuntimeMode mode;
    private final boolean enabled;
    private final DemoScale scale;
    private final long seed;

    DemoLoader(DemoDatasets datasets, RuntimeMode mode, @Value("${commonweal.demo.load:true}") boolean enabled,
            @Value("${commonweal.demo.scale:small}") String scale, @Value("${commonweal.demo.seed:2026}") long seed) {
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
            if (datasets.generated(generator.name()).isEmpty()) {
                datasets.run(generator, scale, seed);
            }
        }
    }
}
