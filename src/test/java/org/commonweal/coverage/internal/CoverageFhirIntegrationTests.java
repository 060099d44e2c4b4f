package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class CoverageFhirIntegrationTests {

    @Autowired
    ApiClients clients;

    @Autowired
    FhirContext fhir;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesPatientAndCoverageToAnAuthenticatedClient() throws Exception {
        assertThat(get("Patient/DEMO-MEMBER-1", null).statusCode()).isEqualTo(401);
        String token = ApiTokens.bearer(clients, port, ApiScope.PATIENT_READ, ApiScope.COVERAGE_READ)
                .substring(7);

        var patientResponse = get("Patient/DEMO-MEMBER-1", token);
        assertThat(patientResponse.statusCode()).isEqualTo(200);
        Patient patient = fhir.newJsonParser().parseResource(Patient.class, patientResponse.body());
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Peña");
        assertThat(patient.getIdentifier())
                .anySatisfy(i -> assertThat(i.getValue()).isEqualTo("91234567A"));
        assertThat(get("Patient/NOPE", token).statusCode()).isEqualTo(404);

        Bundle all = fhir.newJsonParser()
                .parseResource(
                        Bundle.class,
                        get("Coverage?beneficiary=Patient/DEMO-MEMBER-1", token).body());
        assertThat(all.getEntry()).hasSize(2);
        Bundle active = fhir.newJsonParser()
                .parseResource(
                        Bundle.class,
                        get("Coverage?patient=DEMO-MEMBER-1&status=active", token)
                                .body());
        assertThat(active.getEntry()).singleElement().satisfies(e -> {
            Coverage c = (Coverage) e.getResource();
            assertThat(c.getClass_FirstRep().getValue()).isEqualTo("LA1");
            assertThat(c.getType().getCodingFirstRep().getDisplay()).isEqualTo("Medi-Cal");
            assertThat(c.getBeneficiary().getReference()).isEqualTo("Patient/DEMO-MEMBER-1");
        });
        Bundle byCin = fhir.newJsonParser()
                .parseResource(
                        Bundle.class,
                        get(
                                        "Coverage?identifier=https://commonweal.example.org/fhir/sid/medi-cal-cin%7C91234567A",
                                        token)
                                .body());
        assertThat(byCin.getEntry()).hasSize(2);
        assertThat(get("Coverage", token).statusCode()).isEqualTo(400);
    }

    @Test
    void answersACoverageEligibilityRequest() throws Exception {
        String token = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_REQUEST_CREATE)
                .substring(7);
        String body = """
                {"resourceType":"CoverageEligibilityRequest","status":"active","purpose":["validation"],
                 "patient":{"reference":"Patient/DEMO-MEMBER-1"},"created":"2026-11-29",
                 "insurer":{"display":"L.A. Care Health Plan"}}""";
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/CoverageEligibilityRequest"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/fhir+json")
                        .header("Prefer", "return=representation")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isIn(200, 201);
        var answer = fhir.newJsonParser().parseResource(CoverageEligibilityResponse.class, response.body());
        assertThat(answer.getPatient().getReference()).isEqualTo("Patient/DEMO-MEMBER-1");
        assertThat(answer.getInsuranceFirstRep().getInforce()).isTrue();
        assertThat(answer.getInsuranceFirstRep().getCoverage().getDisplay()).isEqualTo("Medi-Cal");
    }
}
