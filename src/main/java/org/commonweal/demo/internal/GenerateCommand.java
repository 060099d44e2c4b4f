package org.commonweal.demo.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.commonweal.demo.DemoDataGenerator;
import org.commonweal.demo.DemoScale;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.RuntimeMode;
import org.commonweal.platform.UsageException;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "generate",
        usage = "generate [--scale small|full] [--seed N] [--only NAME] [--force [--yes]]",
        summary = "build the demo dataset (full = the plan's real size); demo mode only; never over imported or"
                + " entered data unless --force (lists what it deletes, asks, or --yes)",
        options = {"scale", "seed", "only"},
        flags = {"force", "yes"})
class GenerateCommand implements OperationalCommand {

    private final DemoDatasets datasets;
    private final RuntimeMode mode;
    private BufferedReader input;

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
        if (only != null
                && datasets.generators().stream().noneMatch(g -> g.name().equals(only))) {
            throw new UsageException("no generator named " + only + "; known: "
                    + datasets.generators().stream()
                            .map(DemoDataGenerator::name)
                            .toList());
        }
        if (datasets.generators().isEmpty()) {
            System.out.println("No module has demo data to generate.");
        }
        boolean force = args.flag("force");
        input = null;
        boolean leftAlone = false;
        for (DemoDataGenerator generator : datasets.generators()) {
            if (only != null && !generator.name().equals(only)) {
                continue;
            }
            var previous = datasets.generated(generator.name());
            if (!force
                    && previous.isPresent()
                    && previous.get().scale().equals(scale.name().toLowerCase())
                    && previous.get().seed() == seed) {
                System.out.printf(
                        "%-20s already at %s scale (seed %d), skipped; --force to rebuild%n",
                        generator.name(), previous.get().scale(), seed);
                continue;
            }
            var rows = datasets.rows(generator);
            boolean foreign = rows.stream().anyMatch(r -> r.foreign() > 0);
            if (!force && foreign) {
                System.out.printf(
                        "%-20s refused, left alone: it holds data the demo generator did not write"
                                + " (imported or entered by users): %s. `generate --only %s --force` deletes it.%n",
                        generator.name(), DemoDatasets.describeForeign(rows), generator.name());
                leftAlone = true;
                continue;
            }
            if (force && !rows.isEmpty()) {
                System.out.printf("generate --force deletes every row of these tables of %s:%n", generator.name());
                for (var table : rows) {
                    System.out.printf(
                            "  %-40s %,12d rows%s%n",
                            table.table(),
                            table.total(),
                            table.foreign() == 0
                                    ? ""
                                    : String.format(" (%,d not written by the demo generator)", table.foreign()));
                }
                if (!args.flag("yes") && !confirmed()) {
                    System.out.printf("%-20s not confirmed, left alone%n", generator.name());
                    leftAlone = true;
                    continue;
                }
            }
            var result = datasets.run(generator, scale, seed, force);
            System.out.printf("%-20s %,12d rows in %,8d ms%n", generator.name(), result.rows(), result.millis());
        }
        return leftAlone ? 1 : 0;
    }

    /** Asks on the terminal; with no one to answer (input closed), the answer is no. */
    private boolean confirmed() throws IOException {
        System.out.print("Delete them? Type yes to confirm (or run with --yes): ");
        System.out.flush();
        if (input == null) {
            input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        String answer = input.readLine();
        if (answer == null) {
            System.out.println();
        }
        return answer != null && answer.strip().equalsIgnoreCase("yes");
    }
}
