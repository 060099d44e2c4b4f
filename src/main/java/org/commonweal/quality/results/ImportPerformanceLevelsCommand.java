package org.commonweal.quality.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

/** Loads minimum and high performance levels (MCAS MPL/HPL) per measure and year from a CSV. */
@Component
@CommandSpec(
        name = "import-performance-levels",
        usage = "import-performance-levels FILE",
        summary = "load minimum and high performance levels per measure and measurement year (CSV: measure_id,"
                + "measurement_year,minimum_rate,high_rate,better,source); a file with a bad line is refused whole")
class ImportPerformanceLevelsCommand implements OperationalCommand {

    private final PerformanceLevels levels;

    ImportPerformanceLevelsCommand(PerformanceLevels levels) {
        this.levels = levels;
    }

    @Override
    public int run(CommandArgs args) throws IOException {
        if (args.positional().size() != 1) throw new UsageException("give one CSV file");
        var file = Path.of(args.positional().getFirst());
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var loaded = levels.load(in);
            for (var l : loaded) {
                System.out.printf(
                        "%s %d: minimum %s %%, high %s %% (%s is better)%n",
                        l.measureId(), l.year(), l.minimum(), l.high(), l.higherIsBetter() ? "higher" : "lower");
            }
            System.out.printf("%d levels loaded from %s%n", loaded.size(), file);
            return 0;
        } catch (PerformanceLevels.BadLevels e) {
            System.err.println(file + ": refused, nothing loaded");
            e.problems().forEach(p -> System.err.println("  " + p));
            return 1;
        }
    }
}
