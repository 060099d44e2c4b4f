package org.commonweal.quality;

import java.time.LocalDate;
import java.util.List;

/**
 * Quality measure rates for analytics (the insights "quality" family): per measure, from its latest finished run,
 * members eligible (denominator less exclusions and exceptions) and meeting the measure, for the county, each SPA and
 * each RCAC region the members lived in at the run. Counts only, no member; open care gaps are eligible less met.
 */
public interface QualityFigures {

    /** One place's counts for one measure; {@code spa} and {@code rcacRegion} both null for the whole county. */
    record RateCell(
            String measureId,
            String measureTitle,
            LocalDate periodEnd,
            Integer spa,
            Integer rcacRegion,
            long eligible,
            long met) {}

    List<RateCell> latestRates();
}
