package org.commonweal.quality.measure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The measures the plan runs, read on first use from the measure content folder ({@code commonweal.quality.content},
 * laid out like {@code ../shared/quality/ecqm}: one folder per measure and {@code _shared/…/libraries}). Measures are
 * data: a new measure year is a new folder, not new code.
 */
@Component
public class MeasureCatalog {

    public static final List<String> SUPPORTED =
            List.of("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS153", "CMS165");

    /**
     * The inverse measures: their numerator is the bad outcome (CMS122: HbA1c over 9 % or none), so a lower rate is
     * better and a member's open gap is being in the numerator. The one home of this fact: care gaps
     * ({@code GapReasons}) and performance levels ({@code PerformanceLevels}) read it here. It is not read from the
     * published content because that contradicts itself: {@code cqfm-improvementNotation} says "increase" for
     * CMS122, and "decrease" (displayed "increase") for CMS153.
     */
    public static final java.util.Set<String> INVERSE = java.util.Set.of("CMS122");

    /** Whether a higher rate is better for {@code measureId}: false for an {@linkplain #INVERSE inverse} measure. */
    public static boolean higherIsBetter(String measureId) {
        return !INVERSE.contains(measureId);
    }

    private final Path content;
    private final Map<String, CqlMeasureEvaluator> evaluators = new ConcurrentHashMap<>();

    MeasureCatalog(@Value("${commonweal.quality.content:../shared/quality/ecqm}") String content) {
        this.content = Path.of(content);
    }

    /** The measure content folder (one folder per measure and {@code _shared/…/libraries}). */
    public Path content() {
        return content;
    }

    public boolean available(String measureId) {
        return SUPPORTED.contains(measureId) && Files.isDirectory(content.resolve(measureId));
    }

    /** The evaluator of one measure; the content is read once. */
    public CqlMeasureEvaluator evaluator(String measureId) {
        if (!SUPPORTED.contains(measureId)) {
            throw new MeasureContentException("measure " + measureId + " is not one of " + SUPPORTED);
        }
        if (!Files.isDirectory(content.resolve(measureId))) {
            throw new MeasureContentException("measure content "
                    + content.resolve(measureId).toAbsolutePath() + " is missing (set commonweal.quality.content)");
        }
        return evaluators.computeIfAbsent(
                measureId,
                id -> new CqlMeasureEvaluator(MeasurePackage.read(
                        content.resolve(id), List.of(content.resolve("_shared/ecqm-content-cms-2025/libraries")))));
    }
}
