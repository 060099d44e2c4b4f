package org.commonweal.demo.internal;

import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoScale;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(name = "generate", usage = "generate [--scale small|full] [--seed N] [--only NAME] [--force]",
        summary = "build the demo dataset (full = the plan's real size); demo mode only",
        options = {"scale", "seed", "only"}, flags = {"force"})
class GenerateCommand implements OperationalCommand {

    private final DemoDatasets datasets;
    private final RuntimeMode mode;

    GenerateCommand(DemoDatasets datasets, RuntimeMode mode) {
        this.datasets = datasets;
        this.mode = mode;
    }

    @Override
    public int run(CommandArgs args) throws Exception {
        if (!mode.demo()) {
            System.err.println("generate: refused, COMMONWEAL_DB_URL points at a production database");
            return 1;
        }
        DemoScale scale;
        try {
            scale = DemoScale.parse(args.option("scale", "small"));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        long seed = args.intOption("seed", 2026);
        String only = args.option("only").orElse(null);
        if (only != null && datasets.generators().stream().noneMatch(g -> g.name().equals(only))) {
            throw new UsageException("no generator named " + only + "; known: "
                    + datasets.generators().stream().map(DemoDataGenerator::name).toList());
        }
        if (datasets.generators().isEmpty()) {
            System.out.println("No module has demo data to generate.");
        }
        for (DemoDataGenerator generator : datasets.generators()) {
            if (only != null && !generator.name().equals(only)) {
                continue;
            }
            var previous = datasets.generated(generator.name());
            if (!args.flag("force") && previous.isPresent() && previous.get().scale().equals(scale.name().toLowerCase())
                    && previous.get().seed() == seed) {
                System.out.printf("%-20s already at %s scale (seed %d), skipped; --force to rebuild%n",
                        generator.name(), previous.get().scale(), seed);
                continue;
            }
            var result = datasets.run(generator, scale, seed);
            System.out.printf("%-20s %,12d rows in %,8d ms%n", generator.name(), result.rows(), result.millis());
        }
        return 0;
    }
}
