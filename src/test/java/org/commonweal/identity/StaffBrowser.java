package org.commonweal.identity;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Test support: a signed-in browser over real HTTP (cookies, CSRF tokens from the forms), so requests go through
 * the real filter chain and the JDBC session store, as a person's browser would.
 */
public final class StaffBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;
    private String csrf;

    public StaffBrowser(int port) {
        this.base = "http://localhost:" + port;
    }

    public StaffBrowser signIn(String username, String password) throws Exception {
        get("/login");
        var answer = post("/login", "username=" + enc(username) + "&password=" + enc(password));
        if (answer.statusCode() != 302
                || answer.headers().firstValue("Location").orElse("").contains("error")) {
            throw new IllegalStateException("sign-in as " + username + " failed: " + answer.statusCode());
        }
        return this;
    }

    public HttpResponse<String> get(String path) throws Exception {
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        var m = CSRF.matcher(answer.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return answer;
    }

    /** Posts a form ({@code a=1&b=2}, values already encoded) with the CSRF token of the last page read. */
    public HttpResponse<String> post(String path, String form) throws Exception {
        String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + enc(csrf == null ? "" : csrf);
        var answer = http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var m = CSRF.matcher(answer.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return answer;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
