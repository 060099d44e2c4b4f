package org.commonweal.quality.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
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
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code /fhir/Measure}: the measures the plan runs, each as its steward published it (the content folder's FHIR
 * Measure), under the id the plan's runs use ({@code CMS130}). Needs {@code system/Measure.rs}; its operations
 * {@code $evaluate-measure} and {@code $care-gaps} answer with MeasureReports and need {@code system/MeasureReport.rs}
 * too.
 */
@Component
class FhirMeasureProvider implements IResourceProvider {

    private final Path content;
    private final MeasureOperations operations;

    FhirMeasureProvider(
            @Value("${commonweal.quality.content:../shared/quality/ecqm}") String content,
            MeasureOperations operations) {
        this.content = Path.of(content);
        this.operations = operations;
    }

    /** {@code Measure/[id]/$evaluate-measure} from the stored runs (see {@link MeasureOperations}). */
    @Operation(name = "$evaluate-measure", idempotent = true)
    public MeasureReport evaluateMeasure(
            @IdParam IdType id,
            @OperationParam(name = "periodStart", min = 1) StringType periodStart,
            @OperationParam(name = "periodEnd", min = 1) StringType periodEnd,
            @OperationParam(name = "reportType") StringType reportType,
            @OperationParam(name = "subject") StringType subject) {
        return operations.evaluate(id.getIdPart(), text(periodStart), text(periodEnd), text(reportType), text(subject));
    }

    /** {@code Measure/$care-gaps}, Da Vinci DEQM Gaps-in-Care, from the stored runs (see {@link MeasureOperations}). */
    @Operation(name = "$care-gaps", idempotent = true)
    public Parameters careGaps(
            @OperationParam(name = "periodStart", min = 1) StringType periodStart,
            @OperationParam(name = "periodEnd", min = 1) StringType periodEnd,
            @OperationParam(name = "subject") StringType subject,
            @OperationParam(name = "status", max = OperationParam.MAX_UNLIMITED) List<StringType> status,
            @OperationParam(name = "measureId", max = OperationParam.MAX_UNLIMITED) List<StringType> measureId,
            RequestDetails request) {
        return operations.careGaps(
                request.getFhirServerBase(),
                text(periodStart),
                text(periodEnd),
                text(subject),
                texts(status),
                texts(measureId));
    }

    private static String text(StringType value) {
        return value == null ? null : value.getValue();
    }

    private static List<String> texts(List<StringType> values) {
        return values == null
                ? List.of()
                : values.stream().map(StringType::getValue).toList();
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
