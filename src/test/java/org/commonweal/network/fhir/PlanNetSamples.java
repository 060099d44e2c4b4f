package org.commonweal.network.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plan-Net resources not written here: every example of the published Plan-Net 1.1.0 package in
 * {@code ../shared/fhir}, and hand-written resources shaped like the Plan-Net reference server's NPPES data set
 * ({@code src/test/resources/plannet/nppes}), each carrying an element an earlier import dropped.
 */
final class PlanNetSamples {

    static final Path PACKAGES = Path.of("..", "shared", "fhir");
    static final Path PLAN_NET = PACKAGES.resolve("hl7.fhir.us.davinci-pdex-plan-net-1.1.0.tgz");
    static final Path NPPES_SHAPED = Path.of("src", "test", "resources", "plannet", "nppes");

    private PlanNetSamples() {}

    /** The JSON of every example resource of the Plan-Net package, by file name. */
    static Map<String, String> examples() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = Files.newInputStream(PLAN_NET)) {
            NpmPackage npm = NpmPackage.fromPackage(in);
            for (String file : npm.list("example")) {
                if (file.endsWith(".json") && !file.startsWith(".")) {
                    try (InputStream resource = npm.load("example", file)) {
                        files.put(file, new String(resource.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return files;
    }

    /** The hand-written NPPES-shaped resources, by file name. */
    static Map<String, String> nppesShaped() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(NPPES_SHAPED)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return files;
    }

    /** Writes the files into a folder of its own, as {@code import-plannet DIR} reads it. */
    static Path folder(Path dir, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        for (var file : files.entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
        return dir;
    }

    /** {@code Type/id} of each resource. */
    static List<String> references(FhirContext fhir, Map<String, String> files) {
        List<String> refs = new ArrayList<>();
        for (String json : files.values()) {
            Resource r = (Resource) fhir.newJsonParser().parseResource(json);
            refs.add(r.fhirType() + "/" + r.getIdPart());
        }
        return refs;
    }

    /**
     * A resource to compare element by element: parsed and encoded again by the same parser (so JSON formatting and
     * key order do not count), without {@code meta}, which is each server's own.
     */
    static String canonical(FhirContext fhir, String json) {
        Resource r = (Resource) fhir.newJsonParser().parseResource(json);
        r.setMeta(null);
        r.setId(r.getIdPart());
        return fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(r);
    }

    /** Removes imported entries again, so the other tests sharing the database see only the demo directory. */
    static void remove(JdbcClient jdbc, List<String> references) {
        for (String ref : references) {
            String[] typeId = ref.split("/");
            jdbc.sql("delete from " + PlanNetTables.require(typeId[0]).table() + " where id = ?")
                    .param(typeId[1])
                    .update();
        }
    }
}
