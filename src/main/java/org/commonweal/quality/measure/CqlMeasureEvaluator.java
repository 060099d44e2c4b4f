package org.commonweal.quality.measure;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.commons.lang3.tuple.Pair;
import org.cqframework.cql.cql2elm.LibraryManager;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.fhir.r4.model.Resource;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;
import org.opencds.cqf.cql.engine.runtime.DateTime;
import org.opencds.cqf.cql.engine.runtime.Interval;

/**
 * Runs one eCQM's published ELM with the CQL reference engine for one member at a time, and applies the
 * proportion-measure rules of the FHIR Quality Measure IG to the expressions' answers: the denominator is within the
 * initial population, exclusions within the denominator, the numerator leaves the excluded out, and exceptions count
 * only for those neither excluded nor in the numerator.
 */
public final class CqlMeasureEvaluator {

    static final String FHIR_MODEL = "http://hl7.org/fhir";
    private static final R4FhirModelResolver MODEL = new R4FhirModelResolver();

    private final MeasurePackage measure;
    private final LibraryManager libraries;

    public CqlMeasureEvaluator(MeasurePackage measure) {
        this.measure = measure;
        this.libraries = new LibraryManager(new ModelManager());
        try {
            libraries.setUcumService(new CalendarUnitsUcum());
        } catch (org.fhir.ucum.UcumException e) {
            throw new MeasureContentException("UCUM essence unreadable: " + e.getMessage());
        }
        measure.libraries().compileInto(libraries);
    }

    public MeasurePackage measure() {
        return measure;
    }

    /** Evaluates {@code record} (the member's Patient and clinical resources) for the period {@code from}–{@code to}. */
    public MeasurePopulations evaluate(String subject, List<Resource> record, LocalDate from, LocalDate to) {
        var retrieve = new PatientRecordRetrieve(record, MODEL, measure.valueSets());
        var environment = new Environment(
                libraries, Map.of(FHIR_MODEL, new CompositeDataProvider(MODEL, retrieve)), measure.valueSets());
        var engine = new CqlEngine(environment);
        var expressions = new LinkedHashSet<String>(measure.populations().values());
        expressions.addAll(measure.stratifiers().values());
        var result = engine.evaluate(
                measure.libraries().identifier(measure.libraryName(), measure.libraryVersion()),
                expressions,
                Pair.of("Patient", subject),
                Map.of("Measurement Period", period(from, to)),
                null);
        var raw = new LinkedHashMap<String, Boolean>();
        measure.populations()
                .forEach((code, expression) -> raw.put(
                        code,
                        Boolean.TRUE.equals(result.forExpression(expression).value())));
        var strata = new LinkedHashMap<String, Object>();
        measure.stratifiers()
                .forEach((id, expression) ->
                        strata.put(id, result.forExpression(expression).value()));
        return new MeasurePopulations(measure.id(), subject, proportion(raw), strata);
    }

    public static Map<String, Boolean> proportion(Map<String, Boolean> raw) {
        boolean ip = raw.getOrDefault("initial-population", false);
        boolean den = ip && raw.getOrDefault("denominator", ip);
        boolean denex = den && raw.getOrDefault("denominator-exclusion", false);
        boolean num = den && !denex && raw.getOrDefault("numerator", false);
        boolean numex = num && raw.getOrDefault("numerator-exclusion", false);
        boolean denexcep = den && !denex && !num && raw.getOrDefault("denominator-exception", false);
        var out = new LinkedHashMap<String, Boolean>();
        for (var code : raw.keySet()) {
            out.put(
                    code,
                    switch (code) {
                        case "initial-population" -> ip;
                        case "denominator" -> den;
                        case "denominator-exclusion" -> denex;
                        case "numerator" -> num;
                        case "numerator-exclusion" -> numex;
                        case "denominator-exception" -> denexcep;
                        default -> raw.get(code);
                    });
        }
        return out;
    }

    /** The measurement period as the engine takes it: whole days, in UTC, both ends included. */
    static Interval period(LocalDate from, LocalDate to) {
        return new Interval(
                new DateTime(OffsetDateTime.of(from.atStartOfDay(), ZoneOffset.UTC)), true,
                new DateTime(OffsetDateTime.of(to.atTime(23, 59, 59, 999_000_000), ZoneOffset.UTC)), true);
    }
}
