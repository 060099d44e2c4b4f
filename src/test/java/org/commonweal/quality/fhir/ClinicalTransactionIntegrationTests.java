package org.commonweal.quality.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.clinical.DiabetesVisits;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /fhir} over real HTTP with an access token: a transaction Bundle with an entry the import does not take
 * is refused whole (422, nothing stored); the same entries as a batch keep the lab result (201 with its stored row),
 * reject the Practitioner with its entry number, record the client as the sender and recompute the member, whose
 * HbA1c of 7.2 % takes them out of CMS122's poor-control numerator; a client without {@code system/clinical.write}
 * gets 403, none 401. The source is then withdrawn and the member recomputed back.
 */
@IntegrationTest
class ClinicalTransactionIntegrationTests {

    private static final LocalDate START = DiabetesVisits.START;
    private static final LocalDate END = DiabetesVisits.END;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Coverage coverage;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    org.commonweal.quality.supplemental.ClinicalSources sources;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final FhirContext fhir = FhirContext.forR4Cached();

    private HttpResponse<String> post(String body, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir"))
                .header("Content-Type", "application/fhir+json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) request.header("Authorization", bearer);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long sources() {
        return jdbc.sql("select count(*) from quality.clinical_source")
                .query(Long.class)
                .single();
    }

    @Test
    void aBatchKeepsTheGoodEntriesATransactionIsAllOrNothingAndOnlyTheWriteScopeMayPost() throws Exception {
        PublishedMeasureContent.folder(); // skipped without ../shared/quality
        var member = DiabetesVisits.memberWithoutClinicalData(coverage, jdbc, 41, 60);
        var run = UUID.randomUUID().toString().substring(0, 8);
        DiabetesVisits.claim(claims, dir, member);
        assertThat(numerator(runs.run("CMS122", START, END, "test").runId(), member))
                .as("no HbA1c on record: counted as poor control")
                .isTrue();
        var transaction = DiabetesVisits.hba1cBundle(member, run);
        String writer = ApiTokens.bearer(clients, port, ApiScope.CLINICAL_WRITE);

        // least privilege: reading measure reports does not let a client write clinical data
        long before = sources();
        assertThat(post(transaction, ApiTokens.bearer(clients, port, ApiScope.MEASURE_REPORT_READ))
                        .statusCode())
                .isEqualTo(403);
        assertThat(post(transaction, null).statusCode()).isEqualTo(401);

        // a transaction with an entry the import does not take (the Practitioner) is refused whole
        var refused = post(transaction, writer);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        var outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, refused.body());
        assertThat(outcome.getIssue())
                .extracting(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
                .anySatisfy(d -> assertThat(d).contains("nothing was stored"))
                .anySatisfy(d -> assertThat(d).startsWith("entry 3 (Practitioner)"));
        assertThat(sources()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where member_id = ? and purpose like ?")
                        .params(member, "%transaction refused%")
                        .query(Long.class)
                        .single())
                .as("the member look-up of the refused transaction stays audited")
                .isEqualTo(1);
        assertThat(numerator(latestRun(), member)).isTrue();

        // the same entries as a batch: the lab result stored, the Practitioner rejected with its entry
        var batch = post(transaction.replace("\"type\": \"transaction\"", "\"type\": \"batch\""), writer);
        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        var response = fhir.newJsonParser().parseResource(Bundle.class, batch.body());
        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(response.getEntry()).hasSize(3);
        assertThat(response.getEntry().get(0).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(response.getEntry().get(0).getResponse().getLocation()).isEqualTo("Patient/" + member);
        var stored = response.getEntry().get(1).getResponse();
        assertThat(stored.getStatus()).isEqualTo("201 Created");
        assertThat(stored.getLocation()).startsWith("Observation/");
        var rejected = response.getEntry().get(2).getResponse();
        assertThat(rejected.getStatus()).startsWith("422");
        assertThat(((OperationOutcome) rejected.getOutcome()).getIssueFirstRep().getDiagnostics())
                .startsWith("entry 3 (Practitioner)")
                .contains("not clinical data");

        long sourceId = Long.parseLong(response.getIdElement().getIdPart().replace("clinical-source-", ""));
        var row = jdbc.sql("""
                select r.member_id, r.resource_json, s.received_by, s.format from quality.clinical_resource r
                join quality.clinical_source s on s.id = r.source_id where r.id = ? and s.id = ?""")
                .params(Long.parseLong(stored.getLocation().substring("Observation/".length())), sourceId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .single();
        assertThat(row[0]).isEqualTo(member);
        assertThat(row[1]).contains("Patient/" + member);
        assertThat(row[2]).as("the client is the sender").isNotBlank().doesNotContain(" ");
        assertThat(row[3]).isEqualTo("bundle");
        assertThat(numerator(latestRun(), member))
                .as("recomputed after the commit: HbA1c 7.2 %% is not poor control")
                .isFalse();

        // withdrawn as a whole: the member counts as before
        assertThat(sources.withdraw(sourceId, "test")).isEqualTo(1);
        assertThat(numerator(latestRun(), member)).isTrue();
    }

    @Test
    void aBundleThatIsNeitherTransactionNorBatchIsABadRequest() throws Exception {
        String writer = ApiTokens.bearer(clients, port, ApiScope.CLINICAL_WRITE);
        var answer = post("{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[]}", writer);
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("transaction or batch");
    }

    private long latestRun() {
        return DiabetesVisits.latestCms122Run(jdbc);
    }

    private boolean numerator(long runId, String memberId) {
        return DiabetesVisits.numerator(jdbc, runId, memberId);
    }
}
