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
