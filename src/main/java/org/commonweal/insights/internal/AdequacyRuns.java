package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.AdequacyFigures;

/**
 * Adequacy results of one run as summary cells (per provider type, and every provider type together per place), and
 * which stored runs make the trend across runs.
 */
final class AdequacyRuns {

    private AdequacyRuns() {}

    /**
     * The cells of one run: {@code current} dated on the run's measured-on date, or {@code run} (one point of the
     * trend, period = measured-on date). {@code all} = every member × provider type pair of the place.
     */
    static List<Figure> figures(List<AdequacyFigures.TypeResult> results, String periodKind) {
        List<Figure> figures = new ArrayList<>();
        Map<String, long[]> totals = new LinkedHashMap<>();
        LocalDate measuredOn = null;
        for (var r : results) {
            measuredOn = r.measuredOn();
            String level = r.spa() != null ? "spa" : r.rcacRegion() != null ? "rcac" : "county";
            int area = r.spa() != null ? r.spa() : r.rcacRegion() != null ? r.rcacRegion() : 0;
            figures.add(new Figure(
                    Measure.ADEQUACY,
                    level,
                    area,
                    "provider_type",
                    r.providerType(),
                    periodKind,
                    r.measuredOn(),
                    BigDecimal.valueOf(r.met()),
                    BigDecimal.valueOf(r.members())));
            long[] t = totals.computeIfAbsent(level + "|" + area, k -> new long[2]);
            t[0] += r.met();
            t[1] += r.members();
        }
        for (var e : totals.entrySet()) {
            String[] place = e.getKey().split("\\|");
            figures.add(new Figure(
                    Measure.ADEQUACY,
                    place[0],
                    Integer.parseInt(place[1]),
                    "all",
                    "",
                    periodKind,
                    measuredOn,
                    BigDecimal.valueOf(e.getValue()[0]),
                    BigDecimal.valueOf(e.getValue()[1])));
        }
        return figures;
    }

    /**
     * The runs of the trend from {@code runs} (newest first): only runs measuring the same product lines as the newest
     * run (a run of one line beside runs of all lines would not compare), the newest run of each measured-on date, at
     * most {@code limit} dates, newest first.
     */
    static List<Adequacy.RunSummary> onePerDate(List<Adequacy.RunSummary> runs, int limit) {
        List<Adequacy.RunSummary> chosen = new ArrayList<>();
        if (runs.isEmpty()) {
            return chosen;
        }
        String scope = runs.getFirst().productLine();
        Set<LocalDate> dates = new HashSet<>();
        for (var run : runs) {
            if (Objects.equals(run.productLine(), scope) && run.finishedAt() != null && dates.add(run.measuredOn())) {
                chosen.add(run);
                if (chosen.size() == limit) {
                    break;
                }
            }
        }
        return chosen;
    }
}
