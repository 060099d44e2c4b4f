package org.commonweal.quality.results;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoDataGenerator;
import org.springframework.stereotype.Component;

/**
 * Demo performance levels ({@code quality/performance-levels-demo.csv}): illustrative values shaped like DHCS's MCAS
 * minimum and high performance levels, not the published figures, which a plan loads with
 * {@code import-performance-levels}.
 */
@Component
class PerformanceLevelsDemoData implements DemoDataGenerator {

    static final String RESOURCE = "/quality/performance-levels-demo.csv";

    private final PerformanceLevels levels;

    PerformanceLevelsDemoData(PerformanceLevels levels) {
        this.levels = levels;
    }

    @Override
    public String name() {
        return "quality-levels";
    }

    @Override
    public int order() {
        return 930;
    }

    @Override
    public List<String> tables() {
        return List.of("quality.performance_level");
    }

    @Override
    public void reset(DemoContext context) {
        context.jdbc().sql("delete from quality.performance_level").update();
    }

    @Override
    public long generate(DemoContext context) throws Exception {
        try (var in = new InputStreamReader(getClass().getResourceAsStream(RESOURCE), StandardCharsets.UTF_8)) {
            return levels.load(in).size();
        }
    }
}
