package org.commonweal.quality.results;

import java.util.ArrayList;
import java.util.List;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * A run's strata as they may be published: eligible and met counts through the platform's cell suppression (a stratum
 * is the sum of met and not met, the total the sum of the strata, so a masked cell cannot be derived back), and a
 * rate only where neither of its counts is masked.
 */
public final class SuppressedStrata {

    /** One stratum as shown: counts as text (or the mask), the rate as a percentage, or null when not shown. */
    public record Row(String value, String eligible, String met, Double rate) {}

    private SuppressedStrata() {}

    public static List<Row> of(List<MeasureRuns.Stratum> strata) {
        var publication = new Publication();
        var eligible = new ArrayList<String>();
        var met = new ArrayList<String>();
        long total = 0, totalMet = 0;
        for (var s : strata) {
            publication
                    .count("eligible:" + s.value(), s.eligible())
                    .count("met:" + s.value(), s.met())
                    .unpublished("not-met:" + s.value(), s.eligible() - s.met())
                    .sum("eligible:" + s.value(), List.of("met:" + s.value(), "not-met:" + s.value()));
            eligible.add("eligible:" + s.value());
            met.add("met:" + s.value());
            total += s.eligible();
            totalMet += s.met();
        }
        publication
                .count("eligible", total)
                .sum("eligible", eligible)
                .count("met", totalMet)
                .sum("met", met);
        var shown = CellSuppression.protect(publication);
        var rows = new ArrayList<Row>();
        for (var s : strata) {
            var e = "eligible:" + s.value();
            var m = "met:" + s.value();
            rows.add(new Row(
                    s.value(),
                    shown.count(e),
                    shown.count(m),
                    shown.shows(e, m) && s.eligible() > 0 ? 100.0 * s.met() / s.eligible() : null));
        }
        rows.add(new Row(
                "total",
                shown.count("eligible"),
                shown.count("met"),
                shown.shows("eligible", "met") && total > 0 ? 100.0 * totalMet / total : null));
        return rows;
    }
}
