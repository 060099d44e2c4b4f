package org.commonweal.coverage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.ApiTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue #23: the lean path of {@code GET /api/v1/eligibility} ({@link LeanEligibilityFilter}) answers exactly as the
 * Spring MVC path does. Each request is sent over real HTTP (Tomcat, error dispatches and all) once through each
 * path, and the two responses must be the same: status, every header (the date aside, and the request id, which
 * each request names itself and gets back), body byte for byte; and the audit must hold one row per answer for
 * each path (the same rows), none for a refusal.
 */
@IntegrationTest
class LeanEligibilityPathIntegrationTests {

    @Autowired
    ApiClients clients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LeanEligibilityFilter lean;

    @Autowired
    MockMvc mvc;

    @Autowired
    JWKSource<SecurityContext> signingKeys;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A request of the comparison, and whether the lean path takes it (else it hands it to the MVC path). */
    record Case(String name, String query, Map<String, String> headers, boolean leanTakesIt, int status) {}

    @AfterEach
    void leanPathBackOn() {
        lean.enable(true);
    }

    @Test
    void bothPathsGiveTheSameStatusHeadersBodyAndAuditForEachRequest() throws Exception {
        String good = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
        String wrongScope = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        String expired = expiredTwin(good);
        List<Case> cases = List.of(
                new Case("by member id, today", "memberId=DEMO-MEMBER-1", Map.of("Authorization", good), true, 200),
                new Case("by CIN on a date", "cin=91234567A&date=2025-01-15", Map.of("Authorization", good), true, 200),
                new Case(
                        "date before any coverage",
                        "memberId=DEMO-MEMBER-1&date=1990-01-01",
                        Map.of("Authorization", good),
                        true,
                        200),
                new Case(
                        "Accept JSON, Spanish, from a browser origin",
                        "memberId=DEMO-MEMBER-1&lang=es",
                        Map.of(
                                "Authorization",
                                good,
                                "Accept",
                                "application/json",
                                "Accept-Language",
                                "es",
                                "Origin",
                                "https://clinic.example.org"),
                        true,
                        200),
                new Case("unknown member", "memberId=NO-SUCH-MEMBER", Map.of("Authorization", good), true, 404),
                new Case("unknown CIN", "cin=00000000Z", Map.of("Authorization", good), true, 404),
                new Case("no token", "memberId=DEMO-MEMBER-1", Map.of(), true, 401),
                new Case(
                        "not a token",
                        "memberId=DEMO-MEMBER-1",
                        Map.of("Authorization", "Bearer not-a-jwt"),
                        true,
                        401),
                new Case("expired token", "memberId=DEMO-MEMBER-1", Map.of("Authorization", expired), true, 401),
                new Case("wrong scope", "memberId=DEMO-MEMBER-1", Map.of("Authorization", wrongScope), true, 403),
                new Case(
                        "bad date",
                        "memberId=DEMO-MEMBER-1&date=2026-13-01",
                        Map.of("Authorization", good),
                        false,
                        400),
                new Case("bad date, no token", "memberId=DEMO-MEMBER-1&date=2026-13-01", Map.of(), false, 401),
                new Case("no member named", "date=2026-01-01", Map.of("Authorization", good), false, 400),
                new Case(
                        "member id twice",
                        "memberId=DEMO-MEMBER-1&memberId=DEMO-MEMBER-2",
                        Map.of("Authorization", good),
                        false,
                        404),
                new Case(
                        "asks for XML",
                        "memberId=DEMO-MEMBER-1",
                        Map.of("Authorization", good, "Accept", "application/xml"),
                        false,
                        406));
        List<String> differences = new ArrayList<>();
        for (Case c : cases) {
            lean.enable(true);
            long takenBefore = lean.taken();
            Answer viaLean = send(c);
            assertThat(lean.taken() - takenBefore)
                    .as(c.name() + ": taken by the lean path")
                    .isEqualTo(c.leanTakesIt() ? 1 : 0);
            lean.enable(false);
            long takenBeforeMvc = lean.taken();
            Answer viaMvc = send(c);
            assertThat(lean.taken()).as(c.name() + ": lean path off").isEqualTo(takenBeforeMvc);

            assertThat(viaMvc.status).as(c.name() + ": MVC status").isEqualTo(c.status());
            if (viaLean.status != viaMvc.status) {
                differences.add(c.name() + ": status " + viaLean.status + " vs " + viaMvc.status);
            }
            if (!viaLean.headers.equals(viaMvc.headers)) {
                differences.add(c.name() + ": headers\n  lean " + viaLean.headers + "\n  mvc  " + viaMvc.headers);
            }
            if (!viaLean.body.equals(viaMvc.body)) {
                differences.add(c.name() + ": body\n  lean " + viaLean.body + "\n  mvc  " + viaMvc.body);
            }
            if (!viaLean.audit.equals(viaMvc.audit)) {
                differences.add(c.name() + ": audit\n  lean " + viaLean.audit + "\n  mvc  " + viaMvc.audit);
            }
            // one read of the member per answer, none for a refusal or a member not found
            long reads = viaLean.audit.stream()
                    .filter(row -> row.startsWith("READ eligibility "))
                    .count();
            if (reads != (c.status() == 200 ? 1 : 0)) {
                differences.add(c.name() + ": " + reads + " member reads audited: " + viaLean.audit);
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void theAnswerOfTheLeanPathIsTheDocumentedOne() throws Exception {
        String good = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
        Answer answer = send(new Case("good", "memberId=DEMO-MEMBER-1", Map.of("Authorization", good), true, 200));
        assertThat(answer.status).isEqualTo(200);
        assertThat(answer.headers.get("content-type")).isEqualTo(List.of("application/json"));
        assertThat(answer.headers).containsKeys("x-content-type-options", "x-frame-options", "cache-control");
        assertThat(answer.body)
                .contains("\"memberId\":\"DEMO-MEMBER-1\"")
                .contains("\"status\":\"active\"")
                .contains("\"plan\":\"LA1\"");
        Answer missing = send(new Case("missing", "memberId=NO-SUCH-MEMBER", Map.of("Authorization", good), true, 404));
        assertThat(missing.headers.get("content-type")).isEqualTo(List.of("application/json"));
        assertThat(missing.body)
                .contains("\"status\":404")
                .contains("no member with that memberId")
                .contains("\"instance\":\"/api/v1/eligibility\"");
        Answer refused = send(new Case("no token", "memberId=DEMO-MEMBER-1", Map.of(), true, 401));
        assertThat(refused.status).isEqualTo(401);
        assertThat(refused.headers.get("www-authenticate")).isNotNull();
    }

    @Test
    void theMockMvcOfTheOtherEligibilityTestsGoesThroughTheLeanPath() throws Exception {
        String good = ApiTokens.bearer(clients, port, ApiScope.ELIGIBILITY_READ);
        long before = lean.taken();
        mvc.perform(get("/api/v1/eligibility")
                        .param("memberId", "DEMO-MEMBER-1")
                        .header("Authorization", good))
                .andExpect(status().isOk());
        assertThat(lean.taken()).isEqualTo(before + 1);
    }

    private record Answer(int status, Map<String, List<String>> headers, String body, List<String> audit) {}

    /** Sends with a fresh request id; returns the answer with the request id and the date left out of the headers. */
    private Answer send(Case c) throws Exception {
        String requestId = "lean-test-" + UUID.randomUUID();
        var request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/eligibility?" + c.query()))
                .header("X-Request-Id", requestId);
        c.headers().forEach(request::header);
        HttpResponse<String> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        assertThat(headers.remove("x-request-id"))
                .as(c.name() + ": request id echoed")
                .isEqualTo(List.of(requestId));
        headers.remove("date");
        List<String> audit = jdbc.sql("""
                select concat_ws(' ', action, entity_type, entity_id, member_id, purpose, username, roles, ip, detail)
                from audit.audit_event where request_id = ? order by id""").param(requestId).query(String.class).list();
        return new Answer(response.statusCode(), headers, response.body(), audit);
    }

    /** The same claims as a real access token, signed with the same key, but expired five minutes ago. */
    private String expiredTwin(String bearer) {
        String token = bearer.substring("Bearer ".length());
        String[] parts = token.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String kid = field(header, "kid");
        Instant now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .subject(field(payload, "sub"))
                .claim("scope", List.of("eligibility.read"))
                .issuedAt(now.minusSeconds(900))
                .notBefore(now.minusSeconds(900))
                .expiresAt(now.minusSeconds(300));
        String iss = field(payload, "iss");
        if (iss != null) {
            claims.issuer(iss);
        }
        var jws = JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).build();
        return "Bearer "
                + new NimbusJwtEncoder(signingKeys)
                        .encode(JwtEncoderParameters.from(jws, claims.build()))
                        .getTokenValue();
    }

    private static String field(String json, String name) {
        var m = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
