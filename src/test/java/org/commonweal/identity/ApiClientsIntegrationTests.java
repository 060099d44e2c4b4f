package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.platform.CommandArgs;
import org.commonweal.platform.CommandSpec;
import org.commonweal.platform.OperationalCommand;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ApiClientsIntegrationTests {

    private static final Pattern CLIENT_ID = Pattern.compile("id=\"issued-client-id\">([^<]+)<");
    private static final Pattern SECRET = Pattern.compile("id=\"issued-secret\">([^<]+)<");

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    private String tokenUrl() {
        return "http://localhost:" + port + "/oauth2/token";
    }

    private int clientRows() {
        return jdbc.sql("select count(*) from identity.api_client")
                .query(Integer.class)
                .single();
    }

    /** Whether any attribute of any stored HTTP session holds these bytes (serialized Java strings keep UTF-8). */
    private boolean sessionStoreHolds(String text) {
        return jdbc.sql("select attribute_bytes from spring_session_attributes").query(byte[].class).list().stream()
                .anyMatch(bytes -> new String(bytes, StandardCharsets.ISO_8859_1).contains(text));
    }

    @Test
    void anAdministratorRegistersAClientSeesItsSecretOnceRotatesAndDisablesIt() throws Exception {
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        assertThat(admin.get("/admin/api-clients").statusCode()).isEqualTo(200);

        // was a 500 (NotSerializableException in the flash attribute) that left an active client behind
        var registered = admin.post(
                "/admin/api-clients",
                "clientName=" + StaffBrowser.enc("Eastside clearinghouse") + "&purpose="
                        + StaffBrowser.enc("batch eligibility") + "&scopes=eligibility.read&scopes=x12.270");
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        var id = CLIENT_ID.matcher(registered.body());
        var secret = SECRET.matcher(registered.body());
        assertThat(id.find()).isTrue();
        assertThat(secret.find()).isTrue();
        String clientId = id.group(1);
        String firstSecret = secret.group(1);
        assertThat(firstSecret).startsWith("cws_").hasSizeGreaterThan(40);
        assertThat(sessionStoreHolds(firstSecret)).isFalse();
        assertThat(jdbc.sql("select token_sha256 from identity.api_client where client_id = ?")
                        .param(clientId)
                        .query(String.class)
                        .single())
                .doesNotContain(firstSecret)
                .hasSize(64);

        // the list never shows it again
        var list = admin.get("/admin/api-clients");
        assertThat(list.body())
                .contains(clientId, "eligibility.read", "x12.270")
                .doesNotContain(firstSecret);

        // the secret gets a token (client_secret_basic) for its scopes only
        var token = ApiTokens.post(
                tokenUrl(), "grant_type=client_credentials&scope=eligibility.read", clientId + ":" + firstSecret);
        String bearer = "Bearer " + ApiTokens.accessToken(token);
        assertThat(token.body()).contains("\"expires_in\":299").contains("\"token_type\":\"Bearer\"");
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .header("Authorization", bearer))
                .andExpect(status().isOk());
        assertThat(ApiTokens.post(
                                tokenUrl(),
                                "grant_type=client_credentials&scope=system/Patient.rs",
                                clientId + ":" + firstSecret)
                        .body())
                .contains("invalid_scope");
        // last use: when it last got a token
        assertThat(jdbc.sql("select last_used_at is not null from identity.api_client where client_id = ?")
                        .param(clientId)
                        .query(Boolean.class)
                        .single())
                .isTrue();

        long rowId = jdbc.sql("select id from identity.api_client where client_id = ?")
                .param(clientId)
                .query(Long.class)
                .single();
        var rotated = admin.post("/admin/api-clients/" + rowId + "/rotate", "");
        assertThat(rotated.statusCode()).isEqualTo(200);
        var newSecret = SECRET.matcher(rotated.body());
        assertThat(newSecret.find()).isTrue();
        assertThat(newSecret.group(1)).isNotEqualTo(firstSecret);
        assertThat(ApiTokens.post(
                                tokenUrl(), "grant_type=client_credentials&scope=x12.270", clientId + ":" + firstSecret)
                        .statusCode())
                .isEqualTo(401);
        assertThat(ApiTokens.post(
                                tokenUrl(),
                                "grant_type=client_credentials&scope=x12.270",
                                clientId + ":" + newSecret.group(1))
                        .statusCode())
                .isEqualTo(200);
        assertThat(sessionStoreHolds(newSecret.group(1))).isFalse();

        var disabled = admin.post("/admin/api-clients/" + rowId + "/disable", "");
        assertThat(disabled.statusCode()).isEqualTo(302);
        assertThat(ApiTokens.post(
                                tokenUrl(),
                                "grant_type=client_credentials&scope=x12.270",
                                clientId + ":" + newSecret.group(1))
                        .statusCode())
                .isEqualTo(401);
        // a token issued before is refused too, before it expires
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .header("Authorization", bearer))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'api-client' and entity_id = ?")
                        .param(String.valueOf(rowId))
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aRefusedRegistrationSaysWhyAndLeavesNoClient() throws Exception {
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        admin.get("/admin/api-clients");
        int before = clientRows();
        // FHIR data only to private-key clients (SMART Backend Services)
        var refused = admin.post(
                "/admin/api-clients", "clientName=EHR&purpose=reads&scopes=" + StaffBrowser.enc("system/Patient.rs"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body())
                .contains("FHIR scopes need a private-key client")
                .doesNotContain("issued-secret");
        var unknown = admin.post("/admin/api-clients", "clientName=EHR&purpose=reads&scopes=everything");
        assertThat(unknown.statusCode()).isEqualTo(422);
        assertThat(clientRows()).isEqualTo(before);
    }

    @Test
    void theCommandPrintsClientIdAndSecretOnce() throws Exception {
        OperationalCommand command = context.getBeansOfType(OperationalCommand.class).values().stream()
                .filter(c -> "create-api-client"
                        .equals(AnnotationUtils.findAnnotation(c.getClass(), CommandSpec.class)
                                .name()))
                .findFirst()
                .orElseThrow();
        var spec = AnnotationUtils.findAnnotation(command.getClass(), CommandSpec.class);
        var out = new ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = command.run(CommandArgs.parse(
                    List.of("--name", "Nightly batch", "--scopes", "eligibility.read", "x12.270"),
                    Set.of(spec.options()),
                    Set.of(spec.flags())));
        } finally {
            System.setOut(original);
        }
        assertThat(code).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        var id = Pattern.compile("client_id: (\\S+)").matcher(printed);
        var secret = Pattern.compile("client_secret: (\\S+)").matcher(printed);
        assertThat(id.find()).isTrue();
        assertThat(secret.find()).isTrue();
        assertThat(clients.findByClientId(id.group(1))).hasValueSatisfying(c -> {
            assertThat(c.scopes()).containsExactly("eligibility.read", "x12.270");
            assertThat(c.active()).isTrue();
        });
        assertThat(ApiTokens.post(
                                tokenUrl(),
                                "grant_type=client_credentials&scope=x12.270",
                                id.group(1) + ":" + secret.group(1))
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void machineApisAnswer401WithoutAValidToken() throws Exception {
        mvc.perform(get("/api/v1/nothing-here"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(
                                "WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer realm=\"commonweal\"")));
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer cwk_not-a-real-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));
    }

    @Test
    void anOldBearerTokenKeepsWorkingWithinItsMigratedScopes() throws Exception {
        // a client as the migration leaves it: its old token, the eligibility scopes, no member demographics
        String old = "cwk_" + java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into identity.api_client (client_id, client_name, purpose, token_sha256, token_prefix, issued_by,
                    legacy_bearer, scopes)
                values (?, 'Old clinic', 'eligibility', encode(sha256(?::bytea), 'hex'), 'cwk_', 'test', true,
                    array['eligibility.read', 'x12.270', 'system/Coverage.rs', 'system/CoverageEligibilityRequest.c'])""").params("legacy-test-" + old.substring(4, 12), old).update();
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .header("Authorization", "Bearer " + old))
                .andExpect(status().isOk());
        var http = java.net.http.HttpClient.newHttpClient();
        var patient = http.send(
                java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://localhost:" + port + "/fhir/Patient/DEMO-MEMBER-1"))
                        .header("Authorization", "Bearer " + old)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(patient.statusCode()).isEqualTo(403);
        // and it cannot be used at the token endpoint
        assertThat(ApiTokens.post(
                                tokenUrl(),
                                "grant_type=client_credentials&scope=eligibility.read",
                                "legacy-test-" + old.substring(4, 12) + ":" + old)
                        .statusCode())
                .isEqualTo(401);
    }
}
