package org.commonweal.insights.internal;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.springframework.stereotype.Component;

/**
 * After every other module's demo data: measures adequacy once if no run is stored yet (the insights need a run to
 * show), then builds all summary figures.
 */
@Component
class InsightsDemoData implements DemoDataGenerator {

    private final InsightsRefresh refresh;
    private final FigureStore store;
    private final Adequacy adequacy;

    InsightsDemoData(InsightsRefresh refresh, FigureStore store, Adequacy adequacy) {
        this.refresh = refresh;
        this.store = store;
        this.adequacy = adequacy;
    }

    @Override
    public String name() {
        return "insights";
    }

    @Override
    public int order() {
        return 900;
    }

    /** Only the in-memory figures: no table, so nothing imported can be lost. */
    @Override
    public List<String> tables() {
        return List.of();
    }

    @Override
    public void reset(DemoContext context) {
        store.clear();
    }

    @Override
    public long generate(DemoContext context) {
        if (adequacy.runs().isEmpty()) {
            adequacy.run(LocalDate.now(refresh.zone()), null, "demo:insights");
        }
        return refresh.refreshAll("demo").values().stream()
                .mapToLong(Integer::longValue)
                .sum();
    }
}
