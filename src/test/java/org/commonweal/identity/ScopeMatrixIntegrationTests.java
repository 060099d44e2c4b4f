package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The scope × endpoint matrix of docs/security.md, walked over real HTTP: for each scope, a client holding only
 * that scope gets an answer from each of its endpoints and 403 from every endpoint of the other scopes.
 */
@IntegrationTest
class ScopeMatrixIntegrationTests {

    private static final String X12_270 =
            "ISA*00*          *00*          *ZZ*EASTLACLINIC   *ZZ*LACARE         *261129*1200*^*00501*000000077*0*P*:~"
                    + "GS*HS*EASTLACLINIC*LACARE*20261129*1200*77*X*005010X279A1~ST*270*0001*005010X279A1~"
                    + "BHT*0022*13*REQ77*20261129*1200~HL*1**20*1~NM1*PR*2*L.A. CARE HEALTH PLAN*****PI*LACARE~HL*2*1*21*1~"
                    + "NM1*1P*2*EAST LA CLINIC*****XX*1234567893~HL*3*2*22*0~TRN*1*TRACE3*9EASTLA~"
                    + "NM1*IL*1*DOE*PAT****MI*DEMO-MEMBER-1~DTP*291*D8*20261129~EQ*30~SE*12*0001~GE*1*77~IEA*1*000000077~";
    private static final String ELIGIBILITY_REQUEST = """
            {"resourceType":"CoverageEligibilityRequest","status":"active","purpose":["validation"],
             "patient":{"reference":"Patient/DEMO-MEMBER-1"},"created":"2026-11-29",
             "insurer":{"display":"L.A. Care Health Plan"}}""";

    /** A batch of one Patient matched to the member (stores a source of no resources, recomputes nobody). */
    private static final String CLINICAL_BATCH = """
            {"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Patient","id":"p1",
             "identifier":[{"value":"DEMO-MEMBER-1"}]},"request":{"method":"PUT","url":"Patient/p1"}}]}""";

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(ApiScope.Endpoint endpoint, String bearer) throws Exception {
        String coverage = jdbc.sql(
                        "select min(id)::text from coverage.enrollment_span where member_id = 'DEMO-MEMBER-1'")
                .query(String.class)
                .single();
        String path = endpoint.sample()
                .replace("{member}", "DEMO-MEMBER-1")
                .replace("{coverage}", coverage)
                .replace("{cin}", "91234567A");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", bearer);
        if (endpoint.method().equals("POST")) {
            boolean fhir = path.startsWith("/fhir");
            String body = path.equals("/fhir") ? CLINICAL_BATCH : fhir ? ELIGIBILITY_REQUEST : X12_270;
            request.header("Content-Type", fhir ? "application/fhir+json" : "application/edi-x12")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @TestFactory
    List<DynamicTest> eachScopeOpensItsEndpointsAndNoOther() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiScope scope : ApiScope.values()) {
            tests.add(DynamicTest.dynamicTest(scope.value(), () -> {
                String bearer = ApiTokens.bearer(clients, port, scope);
                for (ApiScope other : ApiScope.values()) {
                    for (ApiScope.Endpoint endpoint : other.endpoints()) {
                        var answer = call(endpoint, bearer);
                        if (other == scope) {
                            assertThat(answer.statusCode())
                                    .as("%s %s with %s", endpoint.method(), endpoint.path(), scope.value())
                                    .isIn(200, 201);
                        } else {
                            assertThat(answer.statusCode())
                                    .as("%s %s with %s", endpoint.method(), endpoint.path(), scope.value())
                                    .isEqualTo(403);
                        }
                    }
                }
            }));
        }
        return tests;
    }

    @Test
    void aTokenOnlyCarriesScopesItsClientWasGranted() throws Exception {
        var client = ApiTokens.keyClient(clients, port, ApiScope.COVERAGE_READ);
        assertThat(client.requestToken("system/Patient.rs").body()).contains("invalid_scope");
        // SMART: the assertion must be signed with RS384 or ES384 and name this server's token endpoint
        assertThat(client.requestToken(
                                "system/Coverage.rs",
                                client.assertion(client.tokenUrl(), com.nimbusds.jose.JWSAlgorithm.RS256))
                        .statusCode())
                .isEqualTo(401);
        assertThat(client.requestToken(
                                "system/Coverage.rs",
                                client.assertion(
                                        "https://elsewhere.example/token", com.nimbusds.jose.JWSAlgorithm.RS384))
                        .statusCode())
                .isEqualTo(401);
        // the wrong client's key
        var stranger = ApiTokens.keyClient(clients, port, ApiScope.COVERAGE_READ);
        var forged = new ApiTokens.KeyClient(client.clientId(), stranger.key(), client.tokenUrl());
        assertThat(forged.requestToken("system/Coverage.rs").statusCode()).isEqualTo(401);
    }

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void aRotatedSigningKeyStillAcceptsTheTokensItSignedAndSignsNoMore() throws Exception {
        String before = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
        var command = context.getBeansOfType(org.commonweal.platform.OperationalCommand.class).values().stream()
                .filter(c -> "rotate-signing-key"
                        .equals(org.springframework.core.annotation.AnnotationUtils.findAnnotation(
                                        c.getClass(), org.commonweal.platform.CommandSpec.class)
                                .name()))
                .findFirst()
                .orElseThrow();
        assertThat(command.run(
                        org.commonweal.platform.CommandArgs.parse(List.of(), java.util.Set.of(), java.util.Set.of())))
                .isZero();
        String after = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
        assertThat(kid(after)).isNotEqualTo(kid(before));
        var eligibility = new ApiScope.Endpoint("GET", "", "/api/v1/eligibility?cin={cin}");
        assertThat(call(eligibility, before).statusCode()).isEqualTo(200);
        assertThat(call(eligibility, after).statusCode()).isEqualTo(200);
        var jwks = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/jwks"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.body()).contains(kid(before), kid(after));
    }

    private static String kid(String bearer) throws java.text.ParseException {
        return com.nimbusds.jwt.SignedJWT.parse(bearer.substring(7)).getHeader().getKeyID();
    }

    @Test
    void publicApisNeedNoToken() throws Exception {
        for (String path : List.of(
                "/fhir/metadata",
                "/fhir/Practitioner?_count=1",
                "/hsds/services?per_page=1",
                "/api/grants/opportunities")) {
            var answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void discoveryDocumentsNameTheTokenEndpointAndScopes() throws Exception {
        var smart = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/.well-known/smart-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(smart.statusCode()).isEqualTo(200);
        assertThat(smart.body())
                .contains(
                        "\"token_endpoint\":\"http://localhost:" + port + "/oauth2/token\"",
                        "private_key_jwt",
                        "RS384",
                        "system/Patient.rs",
                        "client-confidential-asymmetric");
        var openid = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/.well-known/openid-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(openid.statusCode()).isEqualTo(200);
        assertThat(openid.body()).contains("/oauth2/token", "/oauth2/jwks");
        var jwks = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/jwks"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }
}
