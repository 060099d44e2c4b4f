package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class ApiClientsIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApiClients clients;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void machineApisAnswer401WithoutATokenAndAcceptAnIssuedOneUntilRevoked() throws Exception {
        mvc.perform(get("/api/v1/nothing-here")).andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"commonweal\""));
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer cwk_not-a-real-token"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.containsString("invalid_token")));

        var issued = clients.issue("Test clinic EHR", "eligibility checks");
        assertThat(issued.token()).startsWith("cwk_").hasSizeGreaterThan(40);
        String stored = jdbc.sql("select token_sha256 from identity.api_client where id = ?").param(issued.id())
                .query(String.class).single();
        assertThat(stored).doesNotContain(issued.token()).hasSize(64);

        // authenticated: past security, so the missing route is the application's 404
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer " + issued.token()))
                .andExpect(status().isNotFound());

        clients.revoke(issued.id());
        mvc.perform(get("/api/v1/nothing-here").header("Authorization", "Bearer " + issued.token()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void apiChainIgnoresSessionCookiesAndNeedsNoCsrf() throws Exception {
        var issued = clients.issue("Clearinghouse", "batch inquiries");
        mvc.perform(post("/api/v1/nothing-here").header("Authorization", "Bearer " + issued.token()))
                .andExpect(status().isNotFound());
        // /fhir is a servlet of its own, outside MockMvc: real HTTP
        var http = HttpClient.newHttpClient();
        var metadata = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement");
    }
}
