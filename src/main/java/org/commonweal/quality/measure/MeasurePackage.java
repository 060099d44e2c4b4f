package org.commonweal.quality.measure;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * One eCQM as published: its FHIR Measure (populations and stratifiers by CQL expression name), the Libraries it
 * runs (the measure's own and the shared dependencies) and its value sets, read from a content folder laid out as
 * {@code <measure>/measure/*.json}, {@code libraries/*.json}, {@code valuesets*}/*.json}.
 *
 * @param id              the folder name, e.g. {@code CMS125}
 * @param url             the Measure's canonical URL (what a MeasureReport's {@code measure} names)
 * @param populations     population code (initial-population, denominator, …) → CQL expression
 * @param stratifiers     stratifier id → CQL expression
 */
public record MeasurePackage(
        String id,
        String url,
        String title,
        String libraryName,
        String libraryVersion,
        Map<String, String> populations,
        Map<String, String> stratifiers,
        ElmLibraries libraries,
        ValueSetExpansions valueSets) {

    static final String POPULATION_BASIS =
            "http://hl7.org/fhir/us/cqfmeasures/StructureDefinition/cqfm-populationBasis";

    /** The codes of one of the measure's value sets as {@code system|code} keys; unknown sets are an error. */
    public java.util.Set<String> valueSetKeys(String url) {
        return valueSets.keys(url);
    }

    /** Reads the measure in {@code folder}, looking for libraries first there and then in {@code sharedLibraries}. */
    public static MeasurePackage read(Path folder, List<Path> sharedLibraries) {
        var parser = FhirContext.forR4Cached().newJsonParser();
        var measures = jsonFiles(folder.resolve("measure"));
        if (measures.size() != 1) {
            throw new MeasureContentException(folder + "/measure: expected one Measure, found " + measures.size());
        }
        var measure = parse(parser, measures.get(0), Measure.class);
        var libraries = new ElmLibraries();
        var folders = new ArrayList<Path>();
        folders.add(folder.resolve("libraries"));
        folders.addAll(sharedLibraries);
        Library main = null;
        var mainUrl = measure.getLibrary().get(0).getValue();
        for (var libraryFolder : folders) {
            for (var file : jsonFiles(libraryFolder)) {
                var library = parse(parser, file, Library.class);
                if (libraries.contains(library.getName(), library.getVersion())) continue;
                libraries.add(library);
                if (mainUrl.equals(library.getUrl())) main = library;
            }
        }
        if (main == null) throw new MeasureContentException(folder + ": no Library " + mainUrl);
        var valueSets = new ValueSetExpansions();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (var dir : dirs.filter(d -> d.getFileName().toString().startsWith("valuesets"))
                    .sorted()
                    .toList()) {
                for (var file : jsonFiles(dir)) valueSets.add(parse(parser, file, ValueSet.class));
            }
        } catch (IOException e) {
            throw new MeasureContentException(folder + ": " + e.getMessage());
        }
        var group = measure.getGroupFirstRep();
        var basis = group.getExtensionByUrl(POPULATION_BASIS);
        if (basis != null && !"boolean".equals(((Extension) basis).getValue().primitiveValue())) {
            throw new MeasureContentException(
                    measure.getUrl() + ": only patient-based (boolean) measures are supported");
        }
        var populations = new LinkedHashMap<String, String>();
        group.getPopulation()
                .forEach(p -> populations.put(
                        p.getCode().getCodingFirstRep().getCode(),
                        p.getCriteria().getExpression()));
        var stratifiers = new LinkedHashMap<String, String>();
        group.getStratifier()
                .forEach(s -> stratifiers.put(s.getId(), s.getCriteria().getExpression()));
        return new MeasurePackage(
                folder.getFileName().toString(),
                measure.getUrl(),
                measure.getTitle(),
                main.getName(),
                main.getVersion(),
                populations,
                stratifiers,
                libraries,
                valueSets);
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(
            ca.uhn.fhir.parser.IParser parser, Path file, Class<T> type) {
        try (var reader = Files.newBufferedReader(file)) {
            return parser.parseResource(type, reader);
        } catch (IOException | RuntimeException e) {
            throw new MeasureContentException(file + ": " + e.getMessage());
        }
    }

    private static List<Path> jsonFiles(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new MeasureContentException(dir + ": " + e.getMessage());
        }
    }
}
