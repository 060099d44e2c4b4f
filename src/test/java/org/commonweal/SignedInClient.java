package org.commonweal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A visitor over real HTTP with a cookie jar, signed in through the login form (with its CSRF token) as one of the
 * demo logins; redirects are not followed, so a test sees where signing in leads.
 */
public final class SignedInClient {

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final int port;
    /** Where the login form sent the visitor. */
    public final String landing;

    public SignedInClient(int port, String username, String password) throws Exception {
        this.port = port;
        String login = send("/login").body();
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("login form's CSRF token").isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        var response = http.send(
                HttpRequest.newBuilder(uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("sign-in").isEqualTo(302);
        this.landing = response.headers().firstValue("Location").orElseThrow();
    }

    public HttpResponse<String> send(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept-Language", "en")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Posts a form as the browser would, with the CSRF token of {@code pageWithForm} (any page of the session that
     * carries a form); redirects are not followed.
     */
    public HttpResponse<String> post(String path, String pageWithForm, java.util.Map<String, String> fields)
            throws Exception {
        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(pageWithForm);
        assertThat(csrf.find()).as("CSRF token on the page").isTrue();
        StringBuilder form =
                new StringBuilder("_csrf=").append(URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        fields.forEach((k, v) -> form.append('&')
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Accept-Language", "en")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The page's HTML, asserting a 200. */
    public String page(String path) throws Exception {
        var response = send(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
