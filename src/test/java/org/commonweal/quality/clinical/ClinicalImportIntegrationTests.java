package org.commonweal.quality.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A lab result sent as FHIR closes a gap the claims left open: with a diabetes visit and no HbA1c, CMS122 (glycemic
 * status > 9 %, an inverse measure) counts the member in its numerator; an HbA1c of 7.2 % takes them out.
 */
@IntegrationTest
class ClinicalImportIntegrationTests {

    private static final LocalDate START = DiabetesVisits.START;
    private static final LocalDate END = DiabetesVisits.END;

    @Autowired
    ClinicalImport clinical;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void anHba1cResultMatchedToTheMemberTakesThemOutOfThePoorControlNumerator() throws IOException {
        PublishedMeasureContent.folder();
        var member = DiabetesVisits.memberWithoutClinicalData(coverage, jdbc, 30, 40);
        var run = UUID.randomUUID().toString().substring(0, 8);
        DiabetesVisits.claim(claims, dir, member);
        assertThat(numerator(runs.run("CMS122", START, END, "test").runId(), member))
                .as("no HbA1c on record: counted as poor control")
                .isTrue();

        var bundle = DiabetesVisits.hba1cBundle(member, run);
        var report = clinical.importBundle(
                new ByteArrayInputStream(bundle.getBytes(StandardCharsets.UTF_8)), "hba1c-bundle.json", "test");
        assertThat(report.refusal()).isNull();
        assertThat(report.stored()).isEqualTo(1);
        assertThat(report.patientsMatched()).isEqualTo(1);
        assertThat(report.rejects()).singleElement().asString().contains("Practitioner");
        assertThat(jdbc.sql("select resource_json from quality.clinical_resource where resource_id = ?")
                        .param("hba1c-" + run)
                        .query(String.class)
                        .single())
                .contains("Patient/" + member);

        assertThat(numerator(runs.run("CMS122", START, END, "test").runId(), member))
                .as("HbA1c 7.2 %%: not in poor control")
                .isFalse();
    }

    @Test
    void unmatchedPatientsAndUnreadableLinesAreRejectedWithTheirLine() throws IOException {
        var report = clinical.importNdjson(
                getClass().getResourceAsStream("/quality/clinical/unknown-patient.ndjson"),
                "unknown-patient.ndjson",
                "test");

        assertThat(report.stored()).isZero();
        assertThat(report.rejects()).hasSize(3);
        assertThat(report.rejects().get(0)).startsWith("line 3: not a FHIR R4 resource");
        assertThat(report.rejects().get(1)).startsWith("1 (Patient/stranger)").contains("NOT-A-MEMBER-77");
        assertThat(report.rejects().get(2)).startsWith("2 (Immunization/imm-1)");
    }

    @Test
    void aMedicationIsKeptUnderTheMembersWhoseOrdersReferToIt() throws IOException {
        var member = DiabetesVisits.memberWithoutClinicalData(coverage, jdbc, 60, 80);
        var run = UUID.randomUUID().toString().substring(0, 8);
        var ndjson = String.join(
                "\n",
                "{\"resourceType\":\"Patient\",\"id\":\"p-" + run + "\",\"identifier\":[{\"value\":\"" + member
                        + "\"}]}",
                "{\"resourceType\":\"MedicationRequest\",\"id\":\"mr-" + run + "\",\"status\":\"active\","
                        + "\"intent\":\"order\",\"subject\":{\"reference\":\"Patient/p-" + run + "\"},"
                        + "\"medicationReference\":{\"reference\":\"Medication/med-" + run + "\"}}",
                "{\"resourceType\":\"Medication\",\"id\":\"med-" + run + "\",\"code\":{\"coding\":[{\"system\":"
                        + "\"http://www.nlm.nih.gov/research/umls/rxnorm\",\"code\":\"997223\"}]}}",
                "{\"resourceType\":\"Medication\",\"id\":\"other-" + run + "\"}");
        var report = clinical.importNdjson(
                new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)), "medication.ndjson", "test");
        try {
            assertThat(report.stored()).isEqualTo(2);
            assertThat(report.rejects())
                    .containsExactly("4 (Medication/other-" + run
                            + "): no resource of a matched patient in this source refers to this Medication");
            assertThat(clinical.resources(member))
                    .extracting(r -> r.fhirType() + "/" + r.getIdElement().getIdPart())
                    .contains("MedicationRequest/mr-" + run, "Medication/med-" + run);
        } finally {
            // withdrawn, so later tests' reference runs do not meet it: the CQL engine cannot run CMS153's published
            // ELM on a medicationReference (QICoreCommon's Split(uri, '/') on a FHIR string, as in
            // PublishedTestCasesTests.ENGINE_CANNOT_RUN); OwnEngineRunsIntegrationTests' reference run failed on it
            jdbc.sql("update quality.clinical_source set status = 'withdrawn' where id = ?")
                    .param(report.sourceId())
                    .update();
        }
    }

    private boolean numerator(long runId, String memberId) {
        return DiabetesVisits.numerator(jdbc, runId, memberId);
    }
}
