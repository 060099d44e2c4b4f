package org.commonweal.quality.results;

import java.time.LocalDate;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.commonweal.platform.UsageException;
import org.commonweal.quality.measure.MeasureCatalog;
import org.springframework.stereotype.Component;

@Component
@CommandSpec(
        name = "compute-measures",
        usage =
                "compute-measures [--measure CMS130,…] [--year 2026] [--by race_ethnicity] [--engine ours|cql] [--view ecqm|plan]",
        summary = "run clinical quality measures (CMS eCQMs) over the members' claims; print rates by a stratifier, "
                + "small cells suppressed; --engine cql runs every measure with the CQL reference engine (our own "
                + "engine is the default for the measures it covers); --view plan counts only members continuously "
                + "enrolled through the year (one gap of up to 45 days)",
        options = {"measure", "year", "by", "engine", "view"})
class ComputeMeasuresCommand implements OperationalCommand {

    private final MeasureRuns runs;
    private final OwnEngineRuns ownEngine;

    ComputeMeasuresCommand(MeasureRuns runs, OwnEngineRuns ownEngine) {
        this.runs = runs;
        this.ownEngine = ownEngine;
    }

    @Override
    public int run(CommandArgs args) {
        int year = args.intOption("year", LocalDate.now().getYear());
        var by = args.option("by", "race_ethnicity");
        var measures = args.option("measure", String.join(",", MeasureCatalog.SUPPORTED))
                .split(",");
        for (var measure : measures) {
            if (!MeasureCatalog.SUPPORTED.contains(measure)) {
                throw new UsageException("--measure: " + measure + " is not one of " + MeasureCatalog.SUPPORTED);
            }
        }
        var engine = args.option("engine", "ours");
        if (!engine.equals("ours") && !engine.equals("cql")) {
            throw new UsageException("--engine: " + engine + " is not ours or cql");
        }
        var view = args.option("view", "ecqm");
        if (!view.equals("ecqm") && !view.equals("plan")) {
            throw new UsageException("--view: " + view + " is not ecqm or plan");
        }
        if (view.equals("plan") && engine.equals("cql")) {
            throw new UsageException("--view plan runs with our engine (leave out --engine cql)");
        }
        var from = LocalDate.of(year, 1, 1);
        var to = LocalDate.of(year, 12, 31);
        var summaries = new java.util.ArrayList<MeasureRuns.RunSummary>();
        // our engine's runs take every measure (the ones it does not cover go to the reference engine inside)
        var ours = engine.equals("ours") ? java.util.Arrays.asList(measures) : java.util.List.<String>of();
        if (!ours.isEmpty())
            summaries.addAll(ownEngine.run(
                    ours, from, to, "command", OwnEngineRuns.View.valueOf(view.toUpperCase(java.util.Locale.ROOT))));
        for (var measure : measures) {
            if (!ours.contains(measure)) summaries.add(runs.run(measure, from, to, "command"));
        }
        for (var summary : summaries) {
            var measure = summary.measureId();
            System.out.printf(
                    "%s %d: run %d, %d members evaluated in %.1f s; initial population %d, denominator %d,"
                            + " exclusions %d, numerator %d, errors %d%n",
                    measure,
                    year,
                    summary.runId(),
                    summary.members(),
                    summary.millis() / 1000.0,
                    summary.initialPopulation(),
                    summary.denominator(),
                    summary.exclusions(),
                    summary.numerator(),
                    summary.errors());
            print(runs.strata(summary.runId(), by));
        }
        return 0;
    }

    private static void print(java.util.List<MeasureRuns.Stratum> strata) {
        for (var row : SuppressedStrata.of(strata)) {
            System.out.printf(
                    "  %-28s eligible %6s  met %6s  rate %s%n",
                    row.value(),
                    row.eligible(),
                    row.met(),
                    row.rate() == null ? "–" : String.format("%.1f %%", row.rate()));
        }
    }
}
