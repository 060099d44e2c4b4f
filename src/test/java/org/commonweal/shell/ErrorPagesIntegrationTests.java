package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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
import org.springframework.test.web.servlet.MockMvc;

/**
 * Browsers get the site's error pages (navigation, request id, their language); API callers get RFC 9457 problem
 * details. Real HTTP, because the error pages are rendered by the container's error dispatch.
 */
@IntegrationTest
class ErrorPagesIntegrationTests {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    private HttpResponse<String> fetch(String path, String accept, String language) throws Exception {
        var client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", accept)
                .header("Accept-Language", language)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownProviderIsANotFoundPageForABrowserNotRawJson() throws Exception {
        var response = fetch("/find-a-doctor/providers/nope", BROWSER, "en");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body())
                .contains("Page not found")
                .contains("id=\"area-nav\"")
                .contains("Reference: ");
        assertThat(response.body()).doesNotContain("\"status\"");
    }

    @Test
    void aQueryParameterThatIsNotADateIsABadRequestPageInTheVisitorsLanguage() throws Exception {
        var response = fetch("/centers/classes?from=garbage", BROWSER, "es");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).contains("No pudimos leer esa solicitud").doesNotContain("\"status\"");
    }

    @Test
    void anUnknownAddressIsANotFoundPageNotTheSignInPage() throws Exception {
        var response = fetch("/no-such-page-anywhere", BROWSER, "en");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Page not found");
        // a staff area still asks for a sign-in
        assertThat(fetch("/members", BROWSER, "en").statusCode()).isEqualTo(302);
    }

    @Test
    void anApiCallerStillGetsProblemDetails() throws Exception {
        mvc.perform(get("/find-a-doctor/providers/nope").accept("application/json"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(content().string(containsString("\"status\":404")))
                .andExpect(content().string(not(containsString("<html"))));
    }
}
