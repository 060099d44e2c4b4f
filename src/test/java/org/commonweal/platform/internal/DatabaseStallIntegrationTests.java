package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill: the application's PostgreSQL stalls (postmaster and every backend stopped with SIGSTOP, as a hung
 * disk or a network partition would) under traffic. Requests fail fast with 503 instead of hanging, health goes
 * DOWN and back UP, the application recovers without a restart, and every write acknowledged is there.
 */
@IntegrationTest
class DatabaseStallIntegrationTests {

    /** Longer than the pool's connection timeout (5 s) and the web requests' network timeout (10 s). */
    static final Duration STALL = Duration.ofSeconds(14);
    /** A request during the stall must be answered within this. */
    static final Duration FAIL_FAST = Duration.ofSeconds(12);

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedPostgresServer.Lease lease;

    @Autowired
    DataSource dataSource;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, long millis, String body) {
    }

    Answer get(String path) throws IOException, InterruptedException {
        long started = System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", path.startsWith("/actuator") ? "application/json" : "text/html")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), (System.nanoTime() - started) / 1_000_000, response.body());
    }

    @Test
    void aStalledDatabaseFailsRequestsFastAndTheApplicationRecovers() throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table if not exists public.reliability_drill (id bigint primary key)").update();
        jdbc.sql("truncate public.reliability_drill").update();
        assertThat(get("/find-a-doctor?name=a").status()).isEqualTo(200);
        assertThat(get("/actuator/health").body()).contains("\"UP\"");

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        var pool = Executors.newFixedThreadPool(6);
        List<Long> pids = postgresProcesses();
        try {
            Future<?> writer = pool.submit(() -> {
                for (long id = 1; writing.get(); id++) {
                    try {
                        jdbc.sql("insert into public.reliability_drill (id) values (?)").param(id).update();
                        acknowledged.add(id);
                    } catch (RuntimeException notAcknowledged) {
                        // not acknowledged: it may or may not be there
                    }
                    sleep(100);
                }
            });
            sleep(500);
            assertThat(acknowledged).isNotEmpty();

            signal("STOP", pids);
            long stalledAt = System.nanoTime();
            List<Future<Answer>> during = new ArrayList<>();
            for (String path : List.of("/find-a-doctor?name=smith", "/find-a-doctor?specialty=cardiology",
                    "/find-a-doctor?name=garcia", "/actuator/health")) {
                during.add(pool.submit(() -> get(path)));
                sleep(300);
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : during) {
                answers.add(f.get());
            }
            long stalledFor = (System.nanoTime() - stalledAt) / 1_000_000;
            System.out.println("database stall drill, answers while stopped (status/ms): " + answers.stream()
                    .map(a -> a.status() + "/" + a.millis()).collect(Collectors.joining(", ")));
            assertThat(stalledFor).as("the answers came while the database was still stopped")
                    .isLessThan(STALL.toMillis());
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.status()).as("status while stalled").isEqualTo(503);
                assertThat(a.millis()).as("latency while stalled (ms)").isLessThan(FAIL_FAST.toMillis());
            });
            assertThat(answers.getLast().body()).contains("\"DOWN\"");
            assertThat(answers.getFirst().body()).contains("<html");
            sleep(Math.max(0, STALL.toMillis() - stalledFor));
        } finally {
            signal("CONT", pids);
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            Answer health = get("/actuator/health");
            while (health.status() != 200 && System.nanoTime() < deadline) {
                sleep(250);
                health = get("/actuator/health");
            }
            assertThat(health.body()).contains("\"UP\"");
            assertThat(get("/find-a-doctor?name=smith").status()).isEqualTo(200);
            sleep(500);
        } finally {
            writing.set(false);
            pool.shutdown();
        }
        Set<Long> stored = jdbc.sql("select id from public.reliability_drill").query(Long.class).set();
        jdbc.sql("drop table public.reliability_drill").update();
        assertThat(stored).as("every acknowledged write is there").containsAll(acknowledged);
    }

    /** The embedded server's postmaster (first line of postmaster.pid) and all its children. */
    List<Long> postgresProcesses() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(lease.directory().resolve("postmaster.pid")).getFirst()
                .strip());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        List<Long> pids = Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid)
                .collect(Collectors.toList());
        assertThat(pids).hasSizeGreaterThan(3);
        return pids;
    }

    static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(p -> command.add(String.valueOf(p)));
        int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
        assertThat(exit).as("kill -" + signal).isZero();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
