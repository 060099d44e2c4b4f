package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Request body limits per route and caller, and rate limits per address and per client (issue #17). */
@IntegrationTest
class LimitsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiClients clients;

    @LocalServerPort
    int port;

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    @Test
    void anAnonymousFormOfMoreThanAFewKilobytesIsRefusedBeforeItIsRead() throws Exception {
        // was: spooled and parsed, then refused by the CSRF check (403)
        mvc.perform(post("/centers/sessions/1/register")
                        .contentType("application/x-www-form-urlencoded")
                        .content("firstName=" + "x".repeat(400_000))
                        .with(from("192.0.2.1")))
                .andExpect(status().isPayloadTooLarge());
        mvc.perform(post("/centers/sessions/1/register")
                        .contentType("application/x-www-form-urlencoded")
                        .content("firstName=Ana")
                        .with(from("192.0.2.1")))
                .andExpect(status().isForbidden()); // small: on to the CSRF check
    }

    @Test
    void theLarge834UploadIsOnlyForTheRolesThatMayUploadIt() throws Exception {
        byte[] body = new byte[51 * 1024 * 1024];
        var file = new MockMultipartFile("file", "big.834", "application/edi-x12", body);
        // MockMvc builds the parts without a raw body: give the request the length a browser would declare
        RequestPostProcessor declared = request -> {
            request.setContent(body);
            return request;
        };
        mvc.perform(multipart("/coverage/imports")
                        .file(file)
                        .with(declared)
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isPayloadTooLarge());
        // member services pass the size check (and are then asked for the CSRF token this request lacks)
        mvc.perform(multipart("/coverage/imports")
                        .file(file)
                        .with(declared)
                        .with(user("ms").roles("MEMBER_SERVICES")))
                .andExpect(status().isForbidden());
    }

    @Test
    void a270BatchIsReadUpToItsLimitOnly() throws Exception {
        String bearer = ApiTokens.bearer(clients, port, ApiScope.X12_270);
        byte[] huge = new byte[21 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'A');
        mvc.perform(post("/x12/270")
                        .content(huge)
                        .contentType("application/edi-x12")
                        .header("Authorization", bearer))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void signInAttemptsFromOneAddressAreRateLimitedWithRetryAfter() throws Exception {
        for (int i = 0; i < 10; i++) {
            mvc.perform(post("/login")
                            .param("username", "u" + UUID.randomUUID())
                            .param("password", "x")
                            .with(from("192.0.2.10")))
                    .andExpect(status().isForbidden()); // no CSRF token: refused, counted
        }
        mvc.perform(post("/login")
                        .param("username", "someone")
                        .param("password", "x")
                        .with(from("192.0.2.10")))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*")));
        // another address is not affected
        mvc.perform(post("/login")
                        .param("username", "someone")
                        .param("password", "x")
                        .with(from("192.0.2.11")))
                .andExpect(status().isForbidden());
    }

    @Test
    void anonymousVisitorsArePacedPerAddress() throws Exception {
        // 300 a minute, refilled smoothly: 420 requests within a few seconds run past it
        int refused = 0;
        int firstRefused = -1;
        for (int i = 0; i < 420; i++) {
            int code = mvc.perform(get("/login").with(from("192.0.2.20")))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            if (code == 429 && firstRefused < 0) {
                firstRefused = i;
            }
            refused += code == 429 ? 1 : 0;
        }
        assertThat(firstRefused).isGreaterThanOrEqualTo(300);
        assertThat(refused).isPositive();
        mvc.perform(get("/login").with(from("192.0.2.21"))).andExpect(status().isOk());
    }

    @Test
    void tokenRequestsArePacedPerAddressBehindTheProxy() throws Exception {
        var http = HttpClient.newHttpClient();
        // 60 a minute, refilled smoothly: 90 requests within a few seconds run past it
        int refused = 0;
        String retryAfter = null;
        for (int i = 0; i < 90 && refused == 0; i++) {
            var answer = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                            .header("X-Forwarded-For", "192.0.2.30")
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=client_credentials&client_id=nobody&client_secret=x"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 429) {
                refused++;
                retryAfter = answer.headers().firstValue("Retry-After").orElse(null);
            }
        }
        assertThat(refused).isPositive();
        assertThat(retryAfter).isNotNull();
    }
}
