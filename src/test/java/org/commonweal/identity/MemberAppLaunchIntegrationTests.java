package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMART App Launch (standalone, public client, PKCE) over real HTTP with the JDBC session store: an administrator
 * registers an app, the demo member signs in, approves the consent page, the app exchanges the code with its PKCE
 * verifier, reads the member's own Patient and Coverage, is refused anyone else's, and stops working once the
 * member revokes it.
 */
@IntegrationTest
class MemberAppLaunchIntegrationTests {

    private static final String MEMBER = "DEMO-MEMBER-1";
    private static final String REDIRECT = "http://127.0.0.1:8765/callback";
    private static final String SCOPES = "launch/patient openid fhirUser patient/Patient.rs patient/Coverage.rs";
    private static final Pattern CLIENT_ID = Pattern.compile("id=\"registered-client-id\">([^<]+)<");
    private static final Pattern STATE = Pattern.compile("name=\"state\" value=\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void aMemberAuthorizesAnAppThatReadsOnlyTheirOwnRecordsUntilRevoked() throws Exception {
        String clientId = registerApp();
        var member = new StaffBrowser(port).signIn("member", "demo-password");

        String verifier = randomUrlSafe(32);
        String challenge = challenge(verifier);
        String code = authorize(member, clientId, challenge);
        // the consent is in the audit trail, under the member's id (their access report shows the app)
        assertThat(appAudit(clientId, "CREATE", "member")).isEqualTo(1);
        // the code is held in PostgreSQL (any instance can take the exchange), found by its hash, not its value
        assertThat(jdbc.sql(
                                "select count(*) from identity.oauth2_authorization where client_id = ? "
                                        + "and code_hash = encode(sha256(convert_to(?, 'UTF8')), 'hex') and principal_name = 'member'")
                        .params(clientId, code)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from identity.oauth2_authorization where code_hash = ?")
                        .param(code)
                        .query(Integer.class)
                        .single())
                .isZero();

        // a wrong verifier is refused (PKCE); the right one gets a token naming the member
        assertThat(exchange(clientId, code, "x" + verifier.substring(1)).statusCode())
                .isEqualTo(400);
        var tokenResponse = exchange(clientId, code, verifier);
        assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
        assertThat(tokenResponse.body())
                .contains("\"patient\":\"" + MEMBER + "\"")
                .contains("\"id_token\"");
        String token = ApiTokens.accessToken(tokenResponse);
        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("patient")).isEqualTo(MEMBER);
        assertThat(claims.getSubject()).isEqualTo("member");
        // the code is used once
        assertThat(exchange(clientId, code, verifier).statusCode()).isEqualTo(400);

        String otherMember = jdbc.sql(
                        "select member_id from coverage.member where member_id <> ? "
                                + "and exists (select 1 from coverage.enrollment_span s where s.member_id = member.member_id) limit 1")
                .param(MEMBER)
                .query(String.class)
                .single();
        long ownSpan = jdbc.sql("select id from coverage.enrollment_span where member_id = ? limit 1")
                .param(MEMBER)
                .query(Long.class)
                .single();
        long otherSpan = jdbc.sql("select id from coverage.enrollment_span where member_id = ? limit 1")
                .param(otherMember)
                .query(Long.class)
                .single();

        var ownPatient = fhir(token, "/fhir/Patient/" + MEMBER);
        assertThat(ownPatient.statusCode()).isEqualTo(200);
        assertThat(ownPatient.body()).contains("\"id\":\"" + MEMBER + "\"");
        assertThat(fhir(token, "/fhir/Coverage?beneficiary=Patient/" + MEMBER).statusCode())
                .isEqualTo(200);
        assertThat(fhir(token, "/fhir/Coverage/" + ownSpan).statusCode()).isEqualTo(200);

        assertThat(fhir(token, "/fhir/Patient/" + otherMember).statusCode()).isEqualTo(403);
        assertThat(fhir(token, "/fhir/Coverage/" + otherSpan).statusCode()).isEqualTo(403);
        assertThat(fhir(token, "/fhir/Coverage?beneficiary=Patient/" + otherMember)
                        .statusCode())
                .isEqualTo(403);
        assertThat(fhir(token, "/fhir/Coverage?identifier=anything").statusCode())
                .isEqualTo(403);
        assertThat(fhir(token, "/fhir/Coverage").statusCode()).isEqualTo(403);
        // patient scopes open no other API
        assertThat(fhir(token, "/api/v1/eligibility?cin=1").statusCode()).isEqualTo(403);

        // the member sees the app and revokes it; its token stops working at once
        var page = member.get("/account/apps");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Member portal test app").contains(clientId);
        assertThat(member.post("/account/apps/revoke", "clientId=" + clientId).statusCode())
                .isEqualTo(302);
        assertThat(member.get("/account/apps").body()).doesNotContain(clientId);
        assertThat(fhir(token, "/fhir/Patient/" + MEMBER).statusCode()).isEqualTo(401);
        assertThat(appAudit(clientId, "DELETE", "member")).isEqualTo(1);
    }

    @Test
    void offlineAccessGivesARefreshTokenReplacedAtEachUseThatDiesWithTheRevocation() throws Exception {
        String clientId = registerApp();
        var member = new StaffBrowser(port).signIn("member", "demo-password");
        String verifier = randomUrlSafe(32);
        String challenge = challenge(verifier);

        // without offline_access: no refresh token
        var online = exchange(clientId, authorize(member, clientId, challenge), verifier);
        assertThat(online.statusCode()).as(online.body()).isEqualTo(200);
        assertThat(online.body()).doesNotContain("refresh_token");

        var offline = exchange(clientId, authorize(member, clientId, challenge, SCOPES + " offline_access"), verifier);
        assertThat(offline.statusCode()).as(offline.body()).isEqualTo(200);
        String first = refreshToken(offline);

        // a refresh gives a new access token for the same member, and a new refresh token; the old one is spent
        var refreshed = refresh(clientId, first);
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        String second = refreshToken(refreshed);
        assertThat(second).isNotEqualTo(first);
        String token = ApiTokens.accessToken(refreshed);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("patient"))
                .isEqualTo(MEMBER);
        assertThat(fhir(token, "/fhir/Patient/" + MEMBER).statusCode()).isEqualTo(200);
        assertThat(refresh(clientId, first).statusCode()).isEqualTo(400);
        // another app cannot use it, nor can anyone without a client id
        assertThat(refresh(registerApp(), second).statusCode()).isEqualTo(400);
        assertThat(refresh("", second).statusCode()).isEqualTo(401);

        // revoking the app ends the refresh token too
        member.get("/account/apps");
        assertThat(member.post("/account/apps/revoke", "clientId=" + clientId).statusCode())
                .isEqualTo(302);
        assertThat(refresh(clientId, second).statusCode()).isEqualTo(400);
        assertThat(fhir(token, "/fhir/Patient/" + MEMBER).statusCode()).isEqualTo(401);
    }

    private static String refreshToken(HttpResponse<String> tokenResponse) {
        var m = Pattern.compile("\"refresh_token\"\\s*:\\s*\"([^\"]+)\"").matcher(tokenResponse.body());
        assertThat(m.find()).as("refresh_token in " + tokenResponse.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> refresh(String clientId, String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&refresh_token=" + StaffBrowser.enc(refreshToken)
                + (clientId.isEmpty() ? "" : "&client_id=" + clientId);
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Audit rows of a member's authorization of this app, with this action, by this login, for the demo member. */
    private int appAudit(String clientId, String action, String by) {
        return jdbc.sql("select count(*) from audit.audit_event where entity_type = 'member-app-authorization' "
                        + "and entity_id = ? and action = ? and username = ? and member_id = ?")
                .params(clientId, action, by, MEMBER)
                .query(Integer.class)
                .single();
    }

    @Test
    void denyingTellsTheAppAndDisablingAnAppStopsItsTokens() throws Exception {
        String clientId = registerApp();
        var member = new StaffBrowser(port).signIn("member", "demo-password");
        String verifier = randomUrlSafe(32);
        String challenge = challenge(verifier);

        // Deny posts no scope: the app hears access_denied and nothing is stored
        var consent = member.get(path(member.get(authorizeUrl(clientId, challenge))
                .headers()
                .firstValue("Location")
                .orElseThrow()));
        var state = STATE.matcher(consent.body());
        assertThat(state.find()).isTrue();
        var denied = member.post(
                "/oauth2/authorize", "client_id=" + clientId + "&state=" + StaffBrowser.enc(state.group(1)));
        assertThat(denied.headers().firstValue("Location").orElseThrow())
                .startsWith(REDIRECT)
                .contains("error=access_denied");
        assertThat(jdbc.sql("select count(*) from identity.member_app_consent where client_id = ?")
                        .param(clientId)
                        .query(Integer.class)
                        .single())
                .isZero();

        String token = ApiTokens.accessToken(exchange(clientId, authorize(member, clientId, challenge), verifier));
        assertThat(fhir(token, "/fhir/Patient/" + MEMBER).statusCode()).isEqualTo(200);
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        admin.get("/admin/member-apps");
        assertThat(admin.post("/admin/member-apps/disable", "clientId=" + clientId)
                        .statusCode())
                .isEqualTo(302);
        assertThat(fhir(token, "/fhir/Patient/" + MEMBER).statusCode()).isEqualTo(401);
        // disabling the app ended the member's authorization: recorded as the administrator's act
        assertThat(appAudit(clientId, "DELETE", "admin")).isEqualTo(1);
        assertThat(member.get(authorizeUrl(clientId, challenge)).statusCode()).isEqualTo(400);
    }

    @Test
    void theConsentPageSpeaksSpanishAndAnAnonymousVisitorIsSentToSignIn() throws Exception {
        String clientId = registerApp();
        var anonymous = new StaffBrowser(port);
        var answer = anonymous.get(authorizeUrl(clientId, "abc"));
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        var member = new StaffBrowser(port).signIn("member", "demo-password");
        member.get("/?lang=es");
        var consent = member.get(path(member.get(authorizeUrl(clientId, "abc"))
                .headers()
                .firstValue("Location")
                .orElseThrow()));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body())
                .contains("¿Permitir que una aplicación lea sus registros?")
                .contains("Ver su cobertura")
                .contains("Permitir");

        // staff who are not members cannot authorize apps
        var staff = new StaffBrowser(port).signIn("member-services", "demo-password");
        assertThat(staff.get(authorizeUrl(clientId, "abc")).statusCode()).isEqualTo(403);
    }

    @Test
    void registrationRefusesRedirectUrisThatAreNotHttpsOrLoopback() throws Exception {
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        admin.get("/admin/member-apps");
        var refused = admin.post(
                "/admin/member-apps", "appName=Bad&redirectUris=" + StaffBrowser.enc("http://evil.example.org/cb"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Redirect URIs: each must be an absolute https address");
        assertThat(jdbc.sql("select count(*) from identity.member_app where app_name = 'Bad'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void smartConfigurationAnnouncesTheStandaloneLaunch() throws Exception {
        var answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/.well-known/smart-configuration"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.body())
                .contains("\"authorization_endpoint\":\"" + base() + "/oauth2/authorize\"")
                .contains(
                        "\"launch-standalone\"",
                        "\"client-public\"",
                        "\"context-standalone-patient\"",
                        "\"permission-v2\"",
                        "\"code_challenge_methods_supported\":[\"S256\"]",
                        "\"patient/Coverage.rs\"");
    }

    private String registerApp() throws Exception {
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        admin.get("/admin/member-apps");
        var registered = admin.post(
                "/admin/member-apps",
                "appName=" + StaffBrowser.enc("Member portal test app") + "&redirectUris="
                        + StaffBrowser.enc(REDIRECT));
        assertThat(registered.statusCode()).isEqualTo(302);
        var m = CLIENT_ID.matcher(admin.get("/admin/member-apps").body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static String authorizeUrl(String clientId, String challenge) {
        return authorizeUrl(clientId, challenge, SCOPES);
    }

    private static String authorizeUrl(String clientId, String challenge, String scopes) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + StaffBrowser.enc(REDIRECT) + "&scope=" + StaffBrowser.enc(scopes) + "&state=app-state-1"
                + "&code_challenge=" + challenge + "&code_challenge_method=S256&aud=" + StaffBrowser.enc("/fhir");
    }

    /** Through the consent page; returns the code the app's redirect URI receives. */
    private String authorize(StaffBrowser member, String clientId, String challenge) throws Exception {
        return authorize(member, clientId, challenge, SCOPES);
    }

    /** Through the consent page, approving every one of these scopes; returns the code the app receives. */
    private String authorize(StaffBrowser member, String clientId, String challenge, String scopes) throws Exception {
        var toConsent = member.get(authorizeUrl(clientId, challenge, scopes));
        assertThat(toConsent.statusCode()).isEqualTo(302);
        String consentUrl = toConsent.headers().firstValue("Location").orElseThrow();
        assertThat(consentUrl).contains("/oauth2/consent");
        var consent = member.get(path(consentUrl));
        assertThat(consent.statusCode()).isEqualTo(200);
        assertThat(consent.body())
                .contains("Member portal test app")
                .contains("See your name, birth date, member ID (CIN), phone number and address")
                .contains("See your coverage");
        var state = STATE.matcher(consent.body());
        assertThat(state.find()).isTrue();
        var approved = member.post(
                "/oauth2/authorize",
                "client_id=" + clientId + "&state="
                        + StaffBrowser.enc(state.group(1))
                        + java.util.Arrays.stream(scopes.split(" "))
                                .map(scope -> "&scope=" + StaffBrowser.enc(scope))
                                .collect(java.util.stream.Collectors.joining()));
        assertThat(approved.statusCode()).isEqualTo(302);
        String callback = approved.headers().firstValue("Location").orElseThrow();
        assertThat(callback).startsWith(REDIRECT + "?code=").contains("state=app-state-1");
        var code = Pattern.compile("code=([^&]+)").matcher(callback);
        assertThat(code.find()).isTrue();
        return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> exchange(String clientId, String code, String verifier) throws Exception {
        String form = "grant_type=authorization_code&code=" + StaffBrowser.enc(code) + "&redirect_uri="
                + StaffBrowser.enc(REDIRECT) + "&client_id=" + clientId + "&code_verifier=" + verifier;
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fhir(String token, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String path(String location) {
        return location.startsWith(base()) ? location.substring(base().length()) : location;
    }

    /** PKCE S256: the challenge of a verifier. */
    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String randomUrlSafe(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
