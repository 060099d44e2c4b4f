package org.commonweal.network.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): {@code kill -9} of the application during {@code import-plannet} of 1,200 Practitioners (NDJSON).
 * The command runs in its own JVM (the application in production mode on the tests' database); once 300 are in, the
 * test takes a share lock on {@code network.entry_history}, so the child stops between writing a resource and its
 * history entry, and kills it there. Each resource, then and after, has exactly its one history entry; the rerun
 * imports the file again and the end state, versions and history included, equals an undisturbed import's. On the code
 * before this drill a resource received again unchanged became a new version with an "updated" history entry, so the
 * rerun left the resources of the killed run at version 2.
 */
@IntegrationTest
class PlanNetCrashIntegrationTests {

    private static final int RESOURCES = 1_200;

    @Autowired
    PlanNetImport planNet;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private final String prefix =
            String.format("kill%06d-", ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aKilledPlanNetImportRerunGivesTheStateOfAnUndisturbedOne() throws Exception {
        Path file = writeFile();
        var clean = planNet.importPath(file, "test");
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.applied()).isEqualTo(RESOURCES);
        String undisturbed = snapshot();
        forget();

        Path log = dir.resolve("child.log");
        Process child = ChildJvm.command(dataSource, log, dir.resolve("app"), "import-plannet", file.toString());
        try {
            ChildJvm.await(child, log, Duration.ofMinutes(3), "300 resources imported", () -> count() >= 300);
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("lock table network.entry_history in share mode");
                }
                ChildJvm.await(
                        child,
                        log,
                        Duration.ofSeconds(30),
                        "the child between a resource and its history",
                        this::waitingToWriteHistory);
                assertThat(withoutOneHistoryEntry())
                        .as("every resource seen has its history while stopped")
                        .isZero();
                child.destroyForcibly().waitFor();
                holder.rollback();
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        awaitNoWriterLeft();
        int left = count();
        assertThat(left).as("killed half-way").isBetween(300, RESOURCES - 1);
        assertThat(withoutOneHistoryEntry())
                .as("every resource has its history after the kill")
                .isZero();

        var rerun = planNet.importPath(file, "test");
        assertThat(rerun.problems()).isEmpty();
        assertThat(rerun.applied()).isEqualTo(RESOURCES);
        assertThat(snapshot()).as("the same end state as an undisturbed import").isEqualTo(undisturbed);
        System.out.printf(
                "Plan-Net kill -9 drill: %d of %d resources in when killed; the rerun completed the file%n",
                left, RESOURCES);
        forget();
    }

    private Path writeFile() throws Exception {
        Path file = dir.resolve("Practitioner.ndjson");
        String[] languages = {"en", "es", "zh", "ko", "hy", "tl"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < RESOURCES; i++) {
                out.write(("{\"resourceType\":\"Practitioner\",\"id\":\"%s%d\",\"identifier\":[{\"system\":"
                                + "\"http://hl7.org/fhir/sid/us-npi\",\"value\":\"19%08d\"}],\"active\":true,\"name\":[{"
                                + "\"family\":\"Kim %d\",\"given\":[\"Ana\",\"M%d\"]}],\"gender\":\"%s\",\"communication\":[{"
                                + "\"coding\":[{\"system\":\"urn:ietf:bcp:47\",\"code\":\"%s\"}]}]}\n")
                        .formatted(
                                prefix,
                                i,
                                i,
                                i % 97,
                                i,
                                i % 2 == 0 ? "female" : "male",
                                languages[i % languages.length]));
            }
        }
        return file;
    }

    private boolean waitingToWriteHistory() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%insert into network.entry_history%'""").query(Integer.class).single() > 0;
    }

    private void awaitNoWriterLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("""
                select count(*) from pg_stat_activity
                where state <> 'idle' and pid <> pg_backend_pid() and query ilike '%network.entry_history%'""").query(Integer.class).single() > 0) {
            assertThat(System.nanoTime())
                    .as("the killed import's backend ended")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private int count() {
        return jdbc.sql("select count(*) from network.practitioner where id like ?")
                .param(prefix + "%")
                .query(Integer.class)
                .single();
    }

    private int withoutOneHistoryEntry() {
        return jdbc.sql("""
                select count(*) from network.practitioner p where p.id like ? and (select count(*)
                    from network.entry_history h where h.resource_type = 'Practitioner' and h.resource_id = p.id) <> 1""").param(prefix + "%").query(Integer.class).single();
    }

    /** Every resource of the file as stored, with its version and history (ids of history and times left out). */
    private String snapshot() {
        return jdbc.sql("""
                select md5(string_agg(concat_ws('|', p.id, p.npi, p.family, p.given, p.gender, p.languages, p.active,
                    p.version, p.source, p.verified_on, p.resource_json,
                    (select string_agg(concat_ws(':', h.version, h.change, h.source), ';' order by h.version)
                     from network.entry_history h where h.resource_type = 'Practitioner' and h.resource_id = p.id)),
                    ',' order by p.id)) || count(*)
                from network.practitioner p where p.id like ?""").param(prefix + "%").query(String.class).single();
    }

    private void forget() {
        jdbc.sql("delete from network.entry_history where resource_type = 'Practitioner' and resource_id like ?")
                .param(prefix + "%")
                .update();
        jdbc.sql("delete from network.practitioner where id like ?")
                .param(prefix + "%")
                .update();
    }
}
