package org.commonweal.quality.measure;

import java.util.Map;

/**
 * One member's place in one measure: population code (initial-population, denominator, denominator-exclusion,
 * denominator-exception, numerator, …) → in or out, after the proportion rules, and each stratifier's value.
 */
public record MeasurePopulations(
        String measureId, String subject, Map<String, Boolean> populations, Map<String, Object> strata) {

    public boolean in(String population) {
        return Boolean.TRUE.equals(populations.get(population));
    }

    public int count(String population) {
        return in(population) ? 1 : 0;
    }
}
