package org.commonweal.quality.measure;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.x12.Enrollment834Import;
import org.commonweal.coverage.x12.Enrollment834Writer;
import org.commonweal.coverage.x12.ImportStatus;
import org.commonweal.coverage.x12.MemberTransaction;
import org.commonweal.quality.clinical.ClinicalImport;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.results.MemberRecompute;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every published MADiE test case of the measures our engine runs, through the application's own paths: each test
 * patient becomes a plan member by an 834 (birth date, US Core sex, name; a member id of its own), the case's
 * resources come in through the FHIR import ({@link ClinicalSources#importBundle}, one collection Bundle per measure,
 * the Patient carrying the member id as its identifier), which recomputes the members in the measure's latest run
 * (one inserted per measure for the test case's period); every member is then read back from {@code
 * quality.measure_result} and each population the expected MeasureReport counts must match. The imports, runs and
 * results are rolled back at the end; the members stay (an identical 834 next time is a duplicate, nothing changed).
 */
@IntegrationTest
class ImportedPublishedTestCasesIntegrationTests {

    private static final String BY = "published-test-cases";

    /** The stored result column of each population code a MeasureReport names. */
    private static final Map<String, String> COLUMNS = Map.of(
            "initial-population", "initial_population",
            "denominator", "denominator",
            "denominator-exclusion", "denominator_exclusion",
            "denominator-exception", "denominator_exception",
            "numerator", "numerator");

    /**
     * Cases whose stored result differs from the expected report, with what differs (docs/quality.md). Each must
     * still differ that way, so a fix shows up here and the entry is removed.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    @Autowired
    Enrollment834Import enrollment;

    @Autowired
    ClinicalSources sources;

    @Autowired
    MemberRecompute recompute;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @TempDir
    Path dir;

    private record Case(PublishedMeasureContent.TestCase testCase, String memberId, LocalDate from, LocalDate to) {}

    @Test
    void everyPublishedTestCaseImportedAsFhirGivesTheExpectedPopulations() throws IOException {
        var byMeasure = new LinkedHashMap<String, List<Case>>();
        for (var id : EcqmEngine.MEASURES) {
            var measure = PublishedMeasureContent.measure(id);
            var cases = new ArrayList<Case>();
            for (var testCase : PublishedMeasureContent.testCases(measure)) {
                var period = testCase.expected().getPeriod();
                cases.add(new Case(testCase, memberId(testCase), day(period.getStart()), day(period.getEnd())));
            }
            byMeasure.put(id, cases);
        }
        long enrolling = System.nanoTime();
        var all = byMeasure.values().stream().flatMap(List::stream).toList();
        var enrolled = enrol(all);
        System.out.printf(
                "published test cases: %d patients enrolled by one 834 (%s) in %d ms%n",
                all.size(), enrolled.status(), (System.nanoTime() - enrolling) / 1_000_000);

        var differences = new TreeMap<String, String>();
        var rejected = new TreeMap<String, List<String>>();
        var lines = new ArrayList<String>();
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly(); // runs, clinical data and results go; the next run sees none of them
            byMeasure.forEach((id, cases) -> {
                long started = System.nanoTime();
                long runId = run(id, cases);
                var report = importBundle(id, cases);
                assertThat(report.refusal()).as(id + " import").isNull();
                attributeRejects(report, cases, rejected);
                // the members nothing was stored for (a Patient alone) are evaluated too, as one batch
                var without = cases.stream()
                        .map(Case::memberId)
                        .filter(m -> !report.members().contains(m))
                        .toList();
                recompute.recompute(without);
                int passed = 0;
                for (var c : cases) {
                    var difference = difference(runId, c);
                    if (difference == null) passed++;
                    else differences.put(id + "/" + c.testCase().patientId(), difference);
                }
                lines.add(String.format(
                        "published test cases through the FHIR import %s: %d cases, %d pass, %d ms",
                        id, cases.size(), passed, (System.nanoTime() - started) / 1_000_000));
            });
        });
        lines.forEach(System.out::println);
        rejected.forEach((key, reasons) -> System.out.println("import rejected for " + key + ": " + reasons));
        differences.forEach((key, d) -> System.out.println("differs through the import: " + key + " " + d));

        assertThat(rejected).as("resources the FHIR import rejected, per case").isEmpty();
        assertThat(differences).isEqualTo(KNOWN_DIFFERENCES);
    }

    /** The member id a case's patient gets: the measure and the patient's id, namespaced from real members. */
    private static String memberId(PublishedMeasureContent.TestCase testCase) {
        return "TC" + testCase.measureId().substring(3) + "-"
                + testCase.patientId().substring(0, 8);
    }

    /**
     * Every case's patient enrolled by one 834 change file through the coverage import, enrolled through the case's
     * measurement period; its control number follows the content, so an unchanged set of cases is a duplicate.
     */
    private org.commonweal.coverage.x12.ImportReport enrol(List<Case> cases) throws IOException {
        var members = new ArrayList<MemberTransaction>();
        for (var c : cases) {
            var patient = patient(c.testCase());
            var name = patient.getNameFirstRep();
            var coverage = new MemberTransaction.CoverageLine(
                    "021", "HLT", "LA1", "01", c.from(), c.to(), List.of("1H"), null, null, null);
            members.add(new MemberTransaction(
                    0,
                    0,
                    null,
                    "021",
                    c.memberId(),
                    null,
                    null,
                    null,
                    "19",
                    null,
                    x12Name(name.getFamily(), "TESTCASE"),
                    x12Name(name.getGivenAsSingleString(), "PATIENT"),
                    null,
                    null,
                    null,
                    "100 MAIN ST",
                    null,
                    "LOS ANGELES",
                    "CA",
                    "90012",
                    FhirRecords.birthDate(patient),
                    sex(patient),
                    "en",
                    "en",
                    c.from(),
                    c.to(),
                    List.of(coverage)));
        }
        long control = Math.floorMod(members.toString().hashCode(), 900_000_000) + 100_000_000L;
        var file = dir.resolve("published-test-cases.834");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            var writer = new Enrollment834Writer(out, LocalDate.of(2026, 11, 20), "LACARE", "L.A. CARE HEALTH PLAN");
            writer.begin(control, false);
            members.forEach(writer::member);
            writer.end();
        }
        var report = enrollment.importFile(file, "published-test-cases.834", BY, false, r -> {});
        assertThat(report.status())
                .as("834: %s %s", report.message(), report.rejectLines())
                .isIn(ImportStatus.COMPLETED, ImportStatus.DUPLICATE);
        assertThat(report.rejects()).as("834 rejects: %s", report.rejectLines()).isZero();
        return report;
    }

    private static Patient patient(PublishedMeasureContent.TestCase testCase) {
        return testCase.resources().stream()
                .filter(Patient.class::isInstance)
                .map(Patient.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError(testCase.patientId() + " has no Patient"));
    }

    /**
     * The one sex coverage keeps, as an 834 spells it (DMG03): the US Core sex when the Patient has it, else its
     * administrative gender (female F, male M), else U. Our engine reads US Core sex (CMS124, CMS125) and gender
     * (CMS153) from it; no published patient has the two disagree except where the sex is given.
     */
    private static String sex(Patient patient) {
        var sex = FhirRecords.sex(patient);
        if (sex != null) return sex;
        return switch (patient.getGender() == null ? "" : patient.getGender().toCode()) {
            case "female" -> "F";
            case "male" -> "M";
            default -> "U";
        };
    }

    /** What a provider would send of a case: its resources without the expected MeasureReports (the answer). */
    private static List<org.hl7.fhir.r4.model.Resource> sent(Case c) {
        return c.testCase().resources().stream()
                .filter(r -> !(r instanceof org.hl7.fhir.r4.model.MeasureReport))
                .toList();
    }

    private static String x12Name(String name, String otherwise) {
        var clean = name == null ? "" : name.replaceAll("[^A-Za-z0-9 '-]", "").trim();
        return clean.isEmpty() ? otherwise : clean;
    }

    /** A finished run of the measure for the cases' period, the latest one the recompute evaluates members in. */
    private long run(String measureId, List<Case> cases) {
        var from = cases.getFirst().from();
        var to = cases.getFirst().to();
        assertThat(cases)
                .as(measureId + ": one measurement period")
                .allMatch(c -> c.from().equals(from) && c.to().equals(to));
        return jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                    started_by, finished_at) values (?, ?, ?, ?, 'ecqm', ?, now()) returning id""")
                .params(measureId, PublishedMeasureContent.measure(measureId).url(), from, to, BY)
                .query(Long.class)
                .single();
    }

    /**
     * The measure's cases as one collection Bundle, each Patient with the member id as its identifier (the published
     * patients all carry the same one), through the import every FHIR source takes.
     */
    private ClinicalImport.Report importBundle(String measureId, List<Case> cases) {
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (var c : cases) {
            for (var resource : sent(c)) {
                var copy = resource.copy();
                if (copy instanceof Patient patient) {
                    patient.setIdentifier(List.of(new Identifier().setValue(c.memberId())));
                }
                bundle.addEntry()
                        .setFullUrl(resource.fhirType() + "/"
                                + resource.getIdElement().getIdPart())
                        .setResource(copy);
            }
        }
        var json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
        try {
            return sources.importBundle(
                    new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    measureId + "-test-cases.json",
                    BY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Each rejected entry named under its case (entries are numbered from 1 in the Bundle's order). */
    private static void attributeRejects(
            ClinicalImport.Report report, List<Case> cases, Map<String, List<String>> rejected) {
        var entryCase = new ArrayList<Case>();
        for (var c : cases) for (int i = 0; i < sent(c).size(); i++) entryCase.add(c);
        for (var outcome : report.outcomes()) {
            if (outcome.reason() == null) continue;
            var c = entryCase.get(outcome.entry() - 1);
            rejected.computeIfAbsent(
                            c.testCase().measureId() + "/" + c.testCase().patientId(), k -> new ArrayList<>())
                    .add(outcome.resourceType() + ": " + outcome.reason());
        }
    }

    /** What differs between the member's stored result and the expected report, or null when nothing does. */
    private String difference(long runId, Case c) {
        var expected = PublishedTestCasesTests.expectedCounts(c.testCase().expected());
        var row = jdbc.sql("select * from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, c.memberId())
                .query((rs, n) -> {
                    var stored = new LinkedHashMap<String, Object>();
                    stored.put("error", rs.getString("error"));
                    for (var code : expected.keySet()) {
                        var column = COLUMNS.get(code);
                        stored.put(code, column == null ? "no column" : rs.getBoolean(column) ? 1 : 0);
                    }
                    return stored;
                })
                .optional();
        if (row.isEmpty()) return "no stored result";
        var stored = row.get();
        var error = stored.remove("error");
        if (error != null) return "error " + error;
        return stored.equals(new LinkedHashMap<>(expected))
                ? null
                : "expected " + expected + ", stored " + stored + " ("
                        + c.testCase().description() + ")";
    }

    private static LocalDate day(java.util.Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
