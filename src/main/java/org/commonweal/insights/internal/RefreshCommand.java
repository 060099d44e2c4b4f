package org.commonweal.insights.internal;

import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "insights-refresh",
        usage = "insights-refresh [--family coverage|adequacy|centers|engagement|grants|housing]",
        summary = "rebuild the equity insights summary figures from the modules (all families, or one)",
        options = {"family"})
class RefreshCommand implements OperationalCommand {

    private final InsightsRefresh refresh;
    private final FigureStore store;

    RefreshCommand(InsightsRefresh refresh, FigureStore store) {
        this.refresh = refresh;
        this.store = store;
    }

    @Override
    public int run(CommandArgs args) {
        List<Family> families;
        try {
            families = args.option("family").map(f -> List.of(Family.of(f))).orElse(List.of(Family.values()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
        for (Family family : families) {
            refresh.refresh(family, "command:insights-refresh");
            var r = store.refresh(family).orElseThrow();
            System.out.printf("%-10s %,8d figures in %,7d ms%n", family.code(), r.figures(), r.elapsedMs());
        }
        return 0;
    }
}
