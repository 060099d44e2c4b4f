package org.commonweal.quality.results;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.ImportCommand;
import org.springframework.stereotype.Component;

/** Loads minimum and high performance levels (MCAS MPL/HPL) per measure and year from a CSV. */
@Component
@CommandSpec(
        name = "import-performance-levels",
        usage = "import-performance-levels FILE",
        summary = "load minimum and high performance levels per measure and measurement year (CSV: measure_id,"
                + "measurement_year,minimum_rate,high_rate,better,source); a file with a bad line is refused whole")
class ImportPerformanceLevelsCommand extends ImportCommand {

    private final PerformanceLevels levels;

    ImportPerformanceLevelsCommand(PerformanceLevels levels) {
        this.levels = levels;
    }

    @Override
    protected Outcome importFile(Path file, CommandArgs args) throws Exception {
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var loaded = levels.load(in);
            for (var l : loaded) {
                System.out.printf(
                        "%s %d: minimum %s %%, high %s %% (%s is better)%n",
                        l.measureId(), l.year(), l.minimum(), l.high(), l.higherIsBetter() ? "higher" : "lower");
            }
            return Outcome.applied(0, loaded.size() + " levels loaded", List.of());
        } catch (PerformanceLevels.BadLevels e) {
            return Outcome.refused(
                    "nothing loaded", e.problems().stream().map(String::valueOf).toList());
        }
    }
}
