package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.commonweal.CommonwealApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application instances on one database, as behind a load balancer: a login made on one is honoured by the
 * other (sessions live in PostgreSQL), and a cluster job fired on both at once runs once.
 */
class TwoInstancesIntegrationTests {

    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstances() {
        first = start();
        second = start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CommonwealApplication.class)
                .profiles("test")
                .run("--server.port=0", "--commonweal.scheduling.enabled=false");
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Test
    void aLoginOnOneInstanceIsHonouredByTheOther() throws Exception {
        var http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String a = "http://localhost:" + port(first);
        String b = "http://localhost:" + port(second);

        var loginPage = http.send(
                HttpRequest.newBuilder(URI.create(a + "/login")).build(), HttpResponse.BodyHandlers.ofString());
        String csrfCookie = cookie(loginPage, "XSRF-TOKEN");
        var token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage.body());
        assertThat(token.find()).isTrue();

        var login = http.send(
                HttpRequest.newBuilder(URI.create(a + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", "XSRF-TOKEN=" + csrfCookie)
                        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=demo-password&_csrf="
                                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/"));
        String session = cookie(login, "SESSION");

        var onB = http.send(
                HttpRequest.newBuilder(URI.create(b + "/admin/audit"))
                        .header("Cookie", "SESSION=" + session)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).contains("Audit trail");

        var anonymousOnB = http.send(
                HttpRequest.newBuilder(URI.create(b + "/admin/audit")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymousOnB.statusCode()).isEqualTo(302);
    }

    @Test
    void aJobFiredOnBothInstancesAtOnceRunsOnce() throws Exception {
        String job = "two-instance-test-" + UUID.randomUUID().toString().substring(0, 8);
        var runs = new AtomicInteger();
        var start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (var context : List.of(first, second, first, second)) {
                ClusterJobs jobs = context.getBean(ClusterJobs.class);
                results.add(pool.submit(() -> {
                    start.await();
                    return jobs.runOnce(job, Duration.ofMinutes(1), Duration.ofSeconds(30), () -> {
                        runs.incrementAndGet();
                        sleep(500);
                    });
                }));
            }
            start.countDown();
            int ran = 0;
            for (var result : results) {
                ran += result.get() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
        }
        assertThat(runs).hasValue(1);
        // and a second firing a moment later is still inside the lock-at-least window
        assertThat(second.getBean(ClusterJobs.class)
                        .runOnce(job, Duration.ofMinutes(1), Duration.ofSeconds(30), runs::incrementAndGet))
                .isFalse();
        var jdbc = first.getBean(JdbcClient.class);
        assertThat(jdbc.sql("select count(*) from platform.job_run where job_name = ? and outcome = 'succeeded'")
                        .param(job)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') > 0 ? c.indexOf(';') : c.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers()));
    }
}
