package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.commonweal.CommonwealApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Production mode against a PostgreSQL server started outside the application: no demo logins, no demo data, the
 * first administrator made with {@code create-admin}, who can then sign in.
 */
class ProductionModeIntegrationTests {

    @Test
    void runsOnAnExternalServerWithoutDemoDataAndCreateAdminMakesTheFirstLogin() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "external-pg");
        try (EmbeddedPostgres external = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "off")
                .start()) {
            String url = "jdbc:postgresql://localhost:" + external.getPort() + "/postgres";
            System.setProperty("commonweal.db.url", url);
            System.setProperty("commonweal.db.user", "postgres");
            System.setProperty("commonweal.db.password", "");
            InputStream stdin = System.in;
            try {
                System.setIn(new ByteArrayInputStream("a long production password\n".getBytes(StandardCharsets.UTF_8)));
                int code = CommandLauncher.launch(
                        CommonwealApplication.class,
                        new String[] {"create-admin", "--username", "chief", "--display-name", "Chief Admin"});
                assertThat(code).isZero();
                System.setIn(new ByteArrayInputStream("short\n".getBytes(StandardCharsets.UTF_8)));
                assertThat(CommandLauncher.launch(
                                CommonwealApplication.class, new String[] {"create-admin", "--username", "second"}))
                        .isEqualTo(1);
            } finally {
                System.setIn(stdin);
            }

            try (var app = new SpringApplicationBuilder(CommonwealApplication.class)
                    .run(
                            "--server.port=0",
                            "--commonweal.scheduling.enabled=false",
                            "--commonweal.data-dir=target/production-mode-data")) {
                assertThat(app.getBean(RuntimeMode.class).demo()).isFalse();
                var jdbc = app.getBean(JdbcClient.class);
                assertThat(jdbc.sql("select username from identity.user_account")
                                .query(String.class)
                                .list())
                        .containsExactly("chief");
                assertThat(jdbc.sql("select count(*) from demo.generated")
                                .query(Integer.class)
                                .single())
                        .isZero();

                int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                var http = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
                var loginPage = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(loginPage.body()).doesNotContain("Demo logins");
                var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
                assertThat(token.find()).isTrue();
                String cookie = loginPage.headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("XSRF-TOKEN="))
                        .map(c -> c.substring(0, c.indexOf(';')))
                        .findFirst()
                        .orElseThrow();
                for (String[] attempt : new String[][] {
                    {"admin", "demo-password", "/login?error"}, {"chief", "a long production password", "/"}
                }) {
                    var login = http.send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Cookie", cookie)
                                    .POST(HttpRequest.BodyPublishers.ofString("username=" + attempt[0] + "&password="
                                            + URLEncoder.encode(attempt[1], StandardCharsets.UTF_8) + "&_csrf="
                                            + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(login.headers().firstValue("Location").orElseThrow())
                            .endsWith(attempt[2]);
                }
            }
        } finally {
            System.clearProperty("commonweal.db.url");
            System.clearProperty("commonweal.db.user");
            System.clearProperty("commonweal.db.password");
        }
    }
}
