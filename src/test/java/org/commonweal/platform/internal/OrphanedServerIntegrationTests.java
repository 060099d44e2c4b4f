package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * Fault drill (#20): {@code kill -9} of the demo application leaves its embedded PostgreSQL running without it (the
 * server is a process of its own). Seen while writing the demo-generation drill: the next start on the same data
 * directory failed ("cannot start the embedded PostgreSQL"), so a demo killed once would not start again until someone
 * found and stopped that server. Now the start stops such an orphan (no live process holds the directory's lock) and
 * starts the server again, with the data that was committed.
 */
class OrphanedServerIntegrationTests {

    static Map<String, String> config() {
        Map<String, String> config = EmbeddedPostgresServer.defaults();
        config.put("shared_buffers", "32MB");
        config.put("max_connections", "20");
        config.put("fsync", "off");
        return config;
    }

    @Test
    void aServerLeftRunningByAKilledInstanceIsStoppedAndTheNextStartWorks() throws Exception {
        Path work = Path.of("target/test-data/orphaned-server");
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        Path data = work.resolve("postgres").toAbsolutePath();
        Path log = work.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                OrphanedServerMain.class.getName(),
                data.toString()));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long orphan;
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!Files.readString(log).contains("ready on port")) {
                assertThat(child.isAlive())
                        .as("child log: %s", Files.readString(log))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("the child's server never started")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
            String port = Files.readString(log).replaceAll("(?s).*ready on port (\\d+).*", "$1");
            try (var c = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/commonweal", "postgres", "")) {
                c.createStatement().execute("create table kept (v int); insert into kept values (42)");
            }
            orphan = Long.parseLong(
                    Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        } finally {
            child.destroyForcibly().waitFor();
        }
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
                .as("the killed JVM's server still runs")
                .contains(true);

        try (var lease = EmbeddedPostgresServer.acquire(data, config())) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                    .as("the orphan was stopped")
                    .isFalse();
            try (var c = DriverManager.getConnection(lease.jdbcUrl(), "postgres", "");
                    var rs = c.createStatement().executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1))
                        .as("what was committed before the kill")
                        .isEqualTo(42);
            }
        } finally {
            ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroy);
        }
    }
}
