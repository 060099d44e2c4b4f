package org.commonweal.quality.web;

import java.util.List;
import org.commonweal.quality.measure.MeasureCatalog;
import org.commonweal.quality.results.MeasureRuns;
import org.commonweal.quality.results.RateTables;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The quality team's pages: measure runs with their counts, and one run's rates by a stratifier. */
@Controller
class QualityController {

    static final List<String> STRATIFIERS = RateTables.GROUPINGS;

    private final MeasureRuns runs;
    private final RateTables rates;

    QualityController(MeasureRuns runs, RateTables rates) {
        this.runs = runs;
        this.rates = rates;
    }

    @GetMapping("/quality")
    String runs(Model model) {
        model.addAttribute("runs", runs.recent(50));
        model.addAttribute("measures", MeasureCatalog.SUPPORTED);
        return "quality/runs";
    }

    @GetMapping("/quality/runs/{id}")
    String run(@PathVariable long id, @RequestParam(defaultValue = "race_ethnicity") String by, Model model) {
        if (!STRATIFIERS.contains(by)) throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unknown stratifier");
        var run = runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("run", run);
        model.addAttribute("by", by);
        model.addAttribute("stratifiers", STRATIFIERS);
        model.addAttribute("byProvider", RateTables.BY_PROVIDER.contains(by));
        var table = rates.table(id, by).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("rows", table.rows());
        model.addAttribute("level", table.level().orElse(null));
        model.addAttribute("trend", rates.trend(id).orElseThrow().months());
        return "quality/run";
    }
}
