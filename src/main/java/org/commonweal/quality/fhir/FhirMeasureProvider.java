package org.commonweal.quality.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.commonweal.quality.measure.MeasureCatalog;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/Measure}: the measures the plan runs, each as its steward published it (the content folder's FHIR
 * Measure), under the id the plan's runs use ({@code CMS130}). Needs {@code system/Measure.rs}.
 */
@Component
class FhirMeasureProvider implements IResourceProvider {

    private final Path content;

    FhirMeasureProvider(@Value("${commonweal.quality.content:../shared/quality/ecqm}") String content) {
        this.content = Path.of(content);
    }

    @Override
    public Class<Measure> getResourceType() {
        return Measure.class;
    }

    @Read
    public Measure read(@IdParam IdType id) {
        if (!MeasureCatalog.SUPPORTED.contains(id.getIdPart())) throw new ResourceNotFoundException(id);
        return measure(id.getIdPart());
    }

    @Search
    public List<Measure> all() {
        var measures = new ArrayList<Measure>();
        for (var id : MeasureCatalog.SUPPORTED) {
            if (Files.isDirectory(content.resolve(id).resolve("measure"))) measures.add(measure(id));
        }
        return measures;
    }

    private Measure measure(String id) {
        if (!Files.isDirectory(content.resolve(id).resolve("measure"))) {
            // the published content is configuration (commonweal.quality.content): without it, no such Measure here
            throw new ResourceNotFoundException("Measure/" + id + " (the measure content is not installed)");
        }
        try (Stream<Path> files = Files.list(content.resolve(id).resolve("measure"))) {
            var file = files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException("Measure/" + id));
            var measure =
                    FhirContext.forR4Cached().newJsonParser().parseResource(Measure.class, Files.readString(file));
            measure.setId(id);
            return measure;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
