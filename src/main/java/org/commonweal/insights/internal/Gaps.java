package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The largest gaps of a measure: for each place and group, how far the place falls short of the county's rate for the
 * same group, weighted by the place's denominator — {@code gap = county rate × place denominator − place numerator},
 * the members (or visits, people reached, dollars …) the place would have at the county's rate. Only shortfalls count,
 * only rates that may be shown (no suppressed cell on either side) and only measures that have a rate.
 */
public final class Gaps {

    public record Gap(Figure place, Figure county, double shortfall) {}

    private Gaps() {}

    public static List<Gap> largest(List<Figure> figures, int limit) {
        return largest(figures, FigureMasks.NONE, limit);
    }

    public static List<Gap> largest(List<Figure> figures, FigureMasks masks, int limit) {
        Map<String, Figure> county = new HashMap<>();
        for (Figure f : figures) {
            if (f.level().equals("county")) {
                county.put(f.stratumKind() + "|" + f.stratumValue(), f);
            }
        }
        List<Gap> gaps = new ArrayList<>();
        for (Figure f : figures) {
            Figure c = county.get(f.stratumKind() + "|" + f.stratumValue());
            if (f.level().equals("county") || c == null || !hasShownRate(f, masks) || !hasShownRate(c, masks)) {
                continue;
            }
            double expected = c.numerator().doubleValue()
                    / c.denominator().doubleValue()
                    * f.denominator().doubleValue();
            double shortfall = expected - f.numerator().doubleValue();
            if (shortfall > 0) {
                gaps.add(new Gap(f, c, shortfall));
            }
        }
        gaps.sort(Comparator.comparingDouble(Gap::shortfall).reversed());
        return gaps.size() > limit ? gaps.subList(0, limit) : gaps;
    }

    private static boolean hasShownRate(Figure f, FigureMasks masks) {
        BigDecimal d = f.denominator();
        return f.measure().unit() != Measure.Unit.COUNT
                && d != null
                && d.signum() > 0
                && SmallCells.show(f, masks).rateValue() != null;
    }
}
