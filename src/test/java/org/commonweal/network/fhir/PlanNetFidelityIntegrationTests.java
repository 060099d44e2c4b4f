package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonweal.IntegrationTest;
import org.commonweal.network.accuracy.DirectoryEdits;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plan-Net data from elsewhere comes back whole: every example resource of the published Plan-Net 1.1.0 package and
 * NPPES-shaped resources like the reference server's, imported and read back over {@code /fhir}, equal element by
 * element (ignoring {@code meta}); exported and imported again, still equal; a resource that cannot be kept whole is
 * rejected with its reason.
 */
@IntegrationTest
class PlanNetFidelityIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    FhirContext fhir;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlanNetImport planNet;

    @Autowired
    PlanNetExport export;

    @Autowired
    DirectoryEdits edits;

    @TempDir
    Path dir;

    private final List<String> imported = new ArrayList<>();

    @AfterEach
    void removeImported() {
        PlanNetSamples.remove(jdbc, imported);
    }

    private String served(String reference) throws Exception {
        var response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + reference))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(reference).isEqualTo(200);
        return response.body();
    }

    /** Imports the files from a folder of their own and checks every one is applied. */
    private void importAll(Path folder, Map<String, String> files) throws Exception {
        imported.addAll(PlanNetSamples.references(fhir, files));
        var report = planNet.importPath(PlanNetSamples.folder(folder, files), "test");
        assertThat(report.problems()).isEmpty();
        assertThat(report.applied()).isEqualTo(files.size());
    }

    private Map<String, String> samples() throws Exception {
        assumeTrue(
                Files.isRegularFile(PlanNetSamples.PLAN_NET),
                "Plan-Net package not found at " + PlanNetSamples.PLAN_NET.toAbsolutePath());
        Map<String, String> files = new TreeMap<>(PlanNetSamples.examples());
        assertThat(files).hasSize(49);
        files.putAll(PlanNetSamples.nppesShaped());
        return files;
    }

    @Test
    void everyExampleAndNppesShapedResourceIsServedBackElementByElement() throws Exception {
        Map<String, String> files = samples();
        importAll(dir.resolve("in"), files);

        List<String> differences = new ArrayList<>();
        for (String json : files.values()) {
            String expected = PlanNetSamples.canonical(fhir, json);
            Resource source = (Resource) fhir.newJsonParser().parseResource(json);
            String actual = PlanNetSamples.canonical(fhir, served(source.fhirType() + "/" + source.getIdPart()));
            if (!actual.equals(expected)) {
                differences.add(
                        source.fhirType() + "/" + source.getIdPart() + "\nexpected " + expected + "\nserved " + actual);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void theElementsTheNppesImportLostAreServed() throws Exception {
        importAll(dir.resolve("in"), PlanNetSamples.nppesShaped());
        var parser = fhir.newJsonParser();

        var practitioner = (Practitioner) parser.parseResource(served("Practitioner/nppes-pr-1"));
        assertThat(practitioner.getTelecom())
                .extracting(t -> t.getSystem().toCode() + " " + t.getValue())
                .containsExactly("phone 3105550120", "fax 3105550121");
        assertThat(practitioner
                        .getQualificationFirstRep()
                        .getCode()
                        .getCodingFirstRep()
                        .getCode())
                .isEqualTo("207Q00000X");
        assertThat(practitioner.getNameFirstRep().getGivenAsSingleString()).isEqualTo("ADAEZE N");

        var endpoint = (Endpoint) parser.parseResource(served("Endpoint/nppes-ep-1"));
        assertThat(endpoint.getConnectionType().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/endpoint-connection-type");
        assertThat(endpoint.getConnectionType().getCode()).isEqualTo("direct-project");
        assertThat(endpoint.getContactFirstRep().getValue()).isEqualTo("it@harbor.example.org");
        assertThat(endpoint.getExtensionByUrl(PlanNetMapper.SD + "endpoint-usecase"))
                .isNotNull();

        var organization = (Organization) parser.parseResource(served("Organization/nppes-org-1"));
        assertThat(organization.getAddressFirstRep().getPostalCode()).isEqualTo("00000");
        assertThat(organization.getAddressFirstRep().getLine()).hasSize(2);
        assertThat(organization.getContactFirstRep().getName().getText()).isEqualTo("Front office");
        assertThat(organization.getExtensionByUrl("http://example.org/fhir/StructureDefinition/org-local-rank"))
                .isNotNull();
        var noStreet = (Organization) parser.parseResource(served("Organization/nppes-org-2"));
        assertThat(noStreet.getAddress())
                .singleElement()
                .satisfies(a -> assertThat(a.getCity() + " " + a.getState() + " " + a.getPostalCode())
                        .isEqualTo("LOMITA CA 00000"));

        String location = served("Location/nppes-loc-1");
        assertThat(location).contains("\"hoursOfOperation\"", "\"LOC-1144221847-1\"", "\"17:30:00\"");
        String role = served("PractitionerRole/nppes-role-1");
        assertThat(role)
                .contains(
                        "\"ROLE-1861469978-1\"",
                        "\"existptonly\"",
                        "\"fromNetwork\"",
                        "\"telecom\"",
                        "unknown-to-this-server");
        String service = served("HealthcareService/nppes-hs-1");
        assertThat(service).contains("\"availableTime\"", "\"telecom\"", "Closed on federal holidays");

        // searches still answer from the columns
        assertThat(served("Endpoint?connection-type=direct-project&_id=nppes-ep-1"))
                .contains("\"nppes-ep-1\"");
        assertThat(served("Location?address-postalcode=90731&_id=nppes-loc-1")).contains("\"nppes-loc-1\"");
    }

    @Test
    void importExportImportGivesIdenticalResources() throws Exception {
        Map<String, String> files = samples();
        importAll(dir.resolve("in"), files);
        Map<String, String> first = new LinkedHashMap<>();
        for (String ref : imported) {
            first.put(ref, PlanNetSamples.canonical(fhir, served(ref)));
        }

        var result = export.export(dir.resolve("export"));
        assertThat(result.counts().values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(files.size());
        // only the imported entries, into a directory where they are gone again
        Path again = Files.createDirectories(dir.resolve("again"));
        for (String type : result.counts().keySet()) {
            List<String> lines = Files.readAllLines(dir.resolve("export").resolve(type + ".ndjson")).stream()
                    .filter(line -> imported.contains(
                            type + "/" + ((Resource) fhir.newJsonParser().parseResource(line)).getIdPart()))
                    .toList();
            Files.write(again.resolve(type + ".ndjson"), lines);
        }
        PlanNetSamples.remove(jdbc, imported);
        var report = planNet.importPath(again, "test");
        assertThat(report.problems()).isEmpty();
        assertThat(report.applied()).isEqualTo(files.size());

        for (var entry : first.entrySet()) {
            assertThat(PlanNetSamples.canonical(fhir, served(entry.getKey())))
                    .as(entry.getKey())
                    .isEqualTo(entry.getValue());
        }
    }

    @Test
    void aResourceThatCannotBeKeptWholeIsRejectedWithItsReason() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(
                folder.resolve("Practitioner.ndjson"),
                String.join(
                                "\n",
                                "{\"resourceType\":\"Practitioner\",\"id\":\"nppes-bad-1\",\"identifier\":[{\"system\":"
                                        + "\"http://hl7.org/fhir/sid/us-npi\",\"value\":\"1003000126\"}],\"name\":[{\"family\":\"ROE\"}],"
                                        + "\"favouriteColour\":\"blue\"}",
                                "{\"resourceType\":\"Practitioner\",\"id\":\"nppes-bad-2\",\"identifier\":[{\"system\":"
                                        + "\"http://hl7.org/fhir/sid/us-npi\",\"value\":\"1003000134\"}],\"name\":[{\"family\":\"DOE\"}],"
                                        + "\"gender\":\"sometimes\"}")
                        + "\n");
        var report = planNet.importPath(folder, "test");
        assertThat(report.applied()).isZero();
        assertThat(report.problems())
                .extracting(p -> p.line() + " " + p.reason())
                .satisfiesExactly(
                        p -> assertThat(p).startsWith("1 ").contains("favouriteColour"),
                        p -> assertThat(p).startsWith("2 ").contains("sometimes"));
        assertThat(jdbc.sql("select count(*) from network.practitioner where id like 'nppes-bad-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aManagersCorrectionOfAnImportedEntryKeepsWhatTheImportBrought() throws Exception {
        importAll(dir.resolve("in"), PlanNetSamples.nppesShaped());
        edits.update(
                "nppes-pr-1",
                new DirectoryEdits.PractitionerChange("OKAFOR-BELL", "ADAEZE", "MD", "female", "es, en", null, true),
                "test");

        var practitioner = (Practitioner) fhir.newJsonParser().parseResource(served("Practitioner/nppes-pr-1"));
        assertThat(practitioner.getNameFirstRep().getFamily()).isEqualTo("OKAFOR-BELL");
        assertThat(practitioner.getTelecom()).hasSize(2);
        assertThat(practitioner.getAddress()).hasSize(1);
        assertThat(practitioner.getQualification())
                .extracting(q -> q.getCode().getCodingFirstRep().getCode())
                .contains("207Q00000X");
    }
}
