package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SMART App Launch in a real browser (Debian Chromium): a third-party app (a small HTTP server on the loopback
 * address, its redirect URI) sends the browser to the authorization endpoint; the member signs in as {@code member},
 * approves the consent page, the browser lands on the app's redirect URI with the code, and the app exchanges it
 * with its PKCE verifier over real HTTP, reads the member's own Patient and Coverage, and gets 403 for another's.
 */
@IntegrationTest
class MemberAppLaunchBrowserTests {

    private static final Pattern CLIENT_ID = Pattern.compile("id=\"registered-client-id\">([^<]+)<");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static WebDriver browser;
    static HttpServer app;
    static final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserSupport.start();
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/callback", exchange -> {
            var query = new HashMap<String, String>();
            for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
            }
            callback.complete(query);
            byte[] body = "<!DOCTYPE html><title>Test app</title><p id=\"app-got-code\">Thanks</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop(0);
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void aSignedInMemberApprovesAnAppWhichReadsOnlyTheirOwnRecords() throws Exception {
        String redirect = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";
        var admin = new StaffBrowser(port).signIn("admin", "demo-password");
        admin.get("/admin/member-apps");
        admin.post(
                "/admin/member-apps",
                "appName=" + StaffBrowser.enc("Browser test app") + "&redirectUris=" + StaffBrowser.enc(redirect));
        var id = CLIENT_ID.matcher(admin.get("/admin/member-apps").body());
        assertThat(id.find()).isTrue();
        String clientId = id.group(1);

        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        // the app sends the member's browser to the authorization endpoint; not signed in: the sign-in page first
        browser.manage().deleteAllCookies();
        browser.get(base() + "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + StaffBrowser.enc(redirect) + "&scope="
                + StaffBrowser.enc("launch/patient openid fhirUser patient/Patient.rs patient/Coverage.rs")
                + "&state=browser-state&code_challenge=" + challenge + "&code_challenge_method=S256&aud="
                + StaffBrowser.enc(base() + "/fhir"));
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/login"));
        browser.findElement(By.id("username")).sendKeys("member");
        browser.findElement(By.id("password")).sendKeys("demo-password");
        browser.findElement(By.id("login-submit")).click();

        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/oauth2/consent"));
        String consent = browser.findElement(By.id("consent-scopes")).getText();
        assertThat(consent)
                .contains("See your name, birth date, member ID (CIN), phone number and address")
                .contains("See your coverage");
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].click()", browser.findElement(By.id("consent-approve")));

        var query = callback.get(20, TimeUnit.SECONDS);
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("app-got-code")).isEmpty());
        assertThat(query).containsEntry("state", "browser-state").containsKey("code");

        var token = HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code="
                                + StaffBrowser.enc(query.get("code")) + "&redirect_uri=" + StaffBrowser.enc(redirect)
                                + "&client_id=" + clientId + "&code_verifier=" + verifier))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        assertThat(token.body()).contains("\"patient\":\"DEMO-MEMBER-1\"");
        var m = ACCESS_TOKEN.matcher(token.body());
        assertThat(m.find()).isTrue();
        String bearer = "Bearer " + m.group(1);

        assertThat(fhir(bearer, "/fhir/Patient/DEMO-MEMBER-1").statusCode()).isEqualTo(200);
        var coverage = fhir(bearer, "/fhir/Coverage?beneficiary=Patient/DEMO-MEMBER-1");
        assertThat(coverage.statusCode()).isEqualTo(200);
        assertThat(coverage.body()).contains("\"resourceType\":\"Coverage\"");
        String other = jdbc.sql("select member_id from coverage.member where member_id <> 'DEMO-MEMBER-1' limit 1")
                .query(String.class)
                .single();
        assertThat(fhir(bearer, "/fhir/Patient/" + other).statusCode()).isEqualTo(403);
        assertThat(fhir(bearer, "/fhir/Coverage?beneficiary=Patient/" + other).statusCode())
                .isEqualTo(403);

        // the member's page lists the app
        browser.get(base() + "/account/apps");
        assertThat(browser.findElement(By.id("authorized-apps")).getText()).contains("Browser test app");
    }

    private HttpResponse<String> fhir(String bearer, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", bearer)
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
