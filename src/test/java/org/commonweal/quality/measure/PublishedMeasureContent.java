package org.commonweal.quality.measure;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assumptions;

/**
 * The CMS eCQM content in {@code ../shared/quality/ecqm} (cqframework's published Measures, Libraries, value sets and
 * MADiE test cases), read as published. Tests that need it are skipped when the folder is not beside the project.
 */
public final class PublishedMeasureContent {

    public static final Path ECQM = Path.of("..", "shared", "quality", "ecqm");
    public static final List<String> MEASURES =
            List.of("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS153", "CMS165");

    private PublishedMeasureContent() {}

    private static org.commonweal.quality.engine.EcqmEngine engine;

    /**
     * Our engine with the published value sets, loaded once for every test class that needs it (the engine is
     * read-only once loaded, as the run's pool shares it); skipped like {@link #folder()}.
     */
    public static synchronized org.commonweal.quality.engine.EcqmEngine engine() {
        if (engine == null) engine = org.commonweal.quality.engine.EcqmEngine.load(folder());
        return engine;
    }

    public static Path folder() {
        Assumptions.assumeTrue(
                Files.isDirectory(ECQM), ECQM.toAbsolutePath() + " absent: published eCQM tests skipped");
        return ECQM;
    }

    public static MeasurePackage measure(String id) {
        return MeasurePackage.read(
                folder().resolve(id), List.of(folder().resolve("_shared/ecqm-content-cms-2025/libraries")));
    }

    /** One MADiE test case: the patient's resources and the expected individual MeasureReport. */
    public record TestCase(
            String measureId, String patientId, String description, List<Resource> resources, MeasureReport expected) {}

    public static List<TestCase> testCases(MeasurePackage measure) {
        var parser = FhirContext.forR4Cached().newJsonParser();
        var cases = new ArrayList<TestCase>();
        try (Stream<Path> dirs = Files.list(folder().resolve(measure.id()).resolve("tests"))) {
            for (var dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                var resources = new LinkedHashMap<String, Resource>();
                var reports = new ArrayList<MeasureReport>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (var file : files.filter(f -> f.toString().endsWith(".json"))
                            .sorted()
                            .toList()) {
                        var resource = (Resource) parser.parseResource(Files.readString(file));
                        if (resource instanceof MeasureReport report) {
                            reports.add(report);
                        } else if (resource instanceof Bundle bundle) {
                            bundle.getEntry()
                                    .forEach(e -> resources.putIfAbsent(key(e.getResource()), e.getResource()));
                        } else {
                            resources.put(key(resource), resource);
                        }
                    }
                }
                var expected = reports.stream()
                        .filter(r -> measure.url().equals(r.getMeasure()))
                        .findFirst()
                        .orElse(reports.get(0));
                var description = expected.getExtensionByUrl(
                        "http://hl7.org/fhir/us/cqfmeasures/StructureDefinition/cqfm-testCaseDescription");
                cases.add(new TestCase(
                        measure.id(),
                        dir.getFileName().toString(),
                        description == null ? "" : description.getValue().primitiveValue(),
                        List.copyOf(resources.values()),
                        expected));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return cases;
    }

    private static String key(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
