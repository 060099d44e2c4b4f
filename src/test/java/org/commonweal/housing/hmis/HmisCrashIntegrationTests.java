package org.commonweal.housing.hmis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): {@code kill -9} of the HMIS import half-way through a Client.csv of 3,000 clients. The import
 * runs in its own JVM ({@link HmisCrashMain}); once 300 clients are in, the test takes a share lock on
 * {@code housing.hmis_record}, so the child stops between writing a client and keeping its record as read, and is
 * killed there. Every client seen, then and after, has its kept record (each row is one transaction); the rerun
 * completes the file and the end state equals an undisturbed import's. On the code before this drill the two writes
 * were committed one by one: the killed row left a client without its kept record (an export would lose its columns).
 */
@IntegrationTest
class HmisCrashIntegrationTests {

    private static final int CLIENTS = 3_000;

    @Autowired
    HmisImport importer;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    private final String prefix =
            String.format("KILL%06d-", ThreadLocalRandom.current().nextInt(1_000_000));

    @Test
    void aKilledHmisImportLeavesWholeRowsAndARerunGivesTheStateOfAnUndisturbedOne() throws Exception {
        Path file = writeClients();
        var clean = importer.run(Files.newBufferedReader(file), null, null);
        assertThat(clean.problems()).isEmpty();
        assertThat(clean.applied()).isEqualTo(CLIENTS);
        String undisturbed = snapshot();
        forget();

        Path log = dir.resolve("child.log");
        Process child = ChildJvm.start(dataSource, log, HmisCrashMain.class, file.toString());
        int left;
        try {
            ChildJvm.await(child, log, Duration.ofMinutes(2), "300 clients imported", () -> clients() >= 300);
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("lock table housing.hmis_record in share mode");
                }
                ChildJvm.await(
                        child,
                        log,
                        Duration.ofSeconds(30),
                        "the child between a client and its record",
                        this::waitingToKeepARecord);
                assertThat(clientsWithoutRecord())
                        .as("no client without its kept record while stopped")
                        .isZero();
                child.destroyForcibly().waitFor();
                holder.rollback();
            }
        } finally {
            child.destroyForcibly().waitFor();
        }
        awaitNoWriterLeft();
        left = clients();
        assertThat(left).as("killed half-way").isBetween(300, CLIENTS - 1);
        assertThat(clientsWithoutRecord())
                .as("no client without its kept record after the kill")
                .isZero();

        var rerun = importer.run(Files.newBufferedReader(file), null, null);
        assertThat(rerun.problems()).isEmpty();
        assertThat(rerun.applied()).isEqualTo(CLIENTS);
        assertThat(snapshot()).as("the same end state as an undisturbed import").isEqualTo(undisturbed);
        System.out.printf(
                "HMIS kill -9 drill: %d of %d clients in when killed; the rerun completed the file%n", left, CLIENTS);
        forget();
    }

    private Path writeClients() throws Exception {
        Path file = dir.resolve("Client.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("PersonalID,FirstName,MiddleName,LastName,NameDataQuality,SSN,SSNDataQuality,DOB,DOBDataQuality,"
                    + "AmIndAKNative,Asian,BlackAfAmerican,HispanicLatinaeo,White,VeteranStatus,DateCreated,"
                    + "DateUpdated,UserID,DateDeleted,ExportID\n");
            for (int i = 0; i < CLIENTS; i++) {
                LocalDate dob = LocalDate.of(1940 + i % 60, 1 + i % 12, 1 + i % 28);
                out.write(String.join(
                                ",",
                                prefix + i,
                                "Name" + i,
                                i % 2 == 0 ? "M" : "",
                                "\"Ortiz, " + i % 97 + "\"",
                                "1",
                                i % 3 == 0 ? "" : String.format("xxxxx%04d", i),
                                i % 3 == 0 ? "99" : "2",
                                dob.toString(),
                                "1",
                                String.valueOf(i % 2),
                                "0",
                                String.valueOf((i / 2) % 2),
                                "1",
                                "0",
                                String.valueOf(i % 5 == 0 ? 1 : 0),
                                "2026-01-05 09:30:00",
                                "2026-02-01 10:00:00",
                                "U1",
                                "",
                                "E1")
                        + "\n");
            }
        }
        return file;
    }

    private boolean waitingToKeepARecord() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%insert into housing.hmis_record%'""").query(Integer.class).single() > 0;
    }

    private void awaitNoWriterLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("""
                select count(*) from pg_stat_activity
                where state <> 'idle' and pid <> pg_backend_pid() and query ilike '%insert into housing.hmis_record%'""").query(Integer.class).single() > 0) {
            assertThat(System.nanoTime())
                    .as("the killed import's backend ended")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private int clients() {
        return jdbc.sql("select count(*) from housing.client where personal_id like ?")
                .param(prefix + "%")
                .query(Integer.class)
                .single();
    }

    private int clientsWithoutRecord() {
        return jdbc.sql("""
                select count(*) from housing.client c where c.personal_id like ? and not exists (
                    select 1 from housing.hmis_record r where r.file = 'Client.csv' and r.record_id = c.personal_id)""").param(prefix + "%").query(Integer.class).single();
    }

    /** Every client of the file with its kept record (ids and timestamps left out). */
    private String snapshot() {
        return jdbc.sql("""
                select md5(string_agg(concat_ws('|', c.personal_id, c.first_name, c.last_name, c.name_quality,
                    c.birth_date, c.dob_quality, c.ssn_last4, c.race, c.gender, c.sex, c.veteran_status,
                    r.fields::text, r.source_export_id), ',' order by c.personal_id)) || count(*)
                from housing.client c
                left join housing.hmis_record r on r.file = 'Client.csv' and r.record_id = c.personal_id
                where c.personal_id like ?""").param(prefix + "%").query(String.class).single();
    }

    private void forget() {
        jdbc.sql("delete from housing.hmis_record where file = 'Client.csv' and record_id like ?")
                .param(prefix + "%")
                .update();
        jdbc.sql("delete from housing.client where personal_id like ?")
                .param(prefix + "%")
                .update();
    }
}
