package org.commonweal.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.commonweal.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill (#20): {@code kill -9} of the application during {@code generate --only grants}. Each run is the
 * application's own command in its own JVM in demo mode, on its own data directory (so its own embedded PostgreSQL):
 * one undisturbed run; then a run stopped once it has written the whole dataset but not yet recorded it (the test holds
 * a share lock on {@code demo.generated}, the run's last table) and killed there; then, as a user would, a row entered
 * into one of the dataset's tables, and {@code generate} again, which must leave it alone; then the row removed and
 * {@code generate} again, whose end state must equal the undisturbed run's. On the code before this drill each table
 * was committed on its own, so a reader saw the dataset half-built, and a killed run left its start recorded without
 * an end, so the next run took anything written after the kill for its own and deleted it.
 */
class DemoGenerationCrashIntegrationTests {

    private static final List<String> TABLES = List.of(
            "grants.program",
            "grants.funding_cycle",
            "grants.rubric_criterion",
            "grants.organization",
            "grants.application",
            "grants.budget_line",
            "grants.review_assignment",
            "grants.board_meeting",
            "grants.award",
            "grants.disbursement",
            "grants.report_requirement");

    @TempDir
    Path dir;

    @Test
    void aKilledGenerationLeavesTheDatasetWholeAndTheRerunGivesTheUndisturbedState() throws Exception {
        long begun = System.nanoTime();
        Path undisturbedDir = dir.resolve("undisturbed");
        assertThat(runToEnd(undisturbedDir, "undisturbed.log"))
                .as("undisturbed run's exit")
                .isZero();

        Path data = dir.resolve("killed");
        Path log = dir.resolve("killed.log");
        Process child = ChildJvm.demoCommand(log, data, "generate", "--only", "grants");
        try {
            ChildJvm.await(
                    child,
                    log,
                    Duration.ofMinutes(3),
                    "the child's database with the grants tables",
                    () -> tablesExist(data));
            try (Connection holder = connect(data);
                    Connection reader = connect(data)) {
                ChildJvm.await(
                        child, log, Duration.ofMinutes(2), "the child generating grants", () -> generating(holder));
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    s.execute("lock table demo.generated in share mode");
                }
                try {
                    ChildJvm.await(
                            child,
                            log,
                            Duration.ofMinutes(1),
                            "the child waiting to record its run",
                            () -> waitingToRecord(reader));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\nactivity: " + activity(reader), e);
                }
                assertThat(generatedRows(reader))
                        .as("no run recorded while stopped")
                        .isEmpty();
                assertThat(visibleRows(reader))
                        .as("a reader sees no grants row of the unfinished run")
                        .isZero();
                child.destroyForcibly().waitFor();
                holder.rollback();
                awaitNoWriterLeft(reader);
                assertThat(visibleRows(reader))
                        .as("no grants row left by the killed run")
                        .isZero();
                assertThat(generatedRows(reader))
                        .as("no run recorded after the kill")
                        .isEmpty();
                try (Statement s = reader.createStatement()) {
                    s.execute("insert into grants.program (code, name, name_es, strategy, funding_source, envelope,"
                            + " since_year) values ('USER-1', 'Entered by a user', 'Ingresado', 'ACCESS', 'PLAN', 1,"
                            + " 2026)");
                }
            }
        } finally {
            child.destroyForcibly().waitFor();
        }

        Path refusedLog = dir.resolve("refused.log");
        assertThat(runToEnd(data, "refused.log"))
                .as("generate over a user's row is refused")
                .isEqualTo(1);
        assertThat(Files.readString(refusedLog)).contains("refused, left alone");
        Map<String, Long> killed = withServer(data, c -> {
            try (Statement s = c.createStatement()) {
                var rs = s.executeQuery("select count(*) from grants.program where code = 'USER-1'");
                rs.next();
                assertThat(rs.getLong(1)).as("the user's row left alone").isEqualTo(1);
                s.execute("delete from grants.program where code = 'USER-1'");
            }
            return counts(c);
        });
        assertThat(killed.values()).as("nothing else there").allMatch(n -> n == 0);

        assertThat(runToEnd(data, "rerun.log")).as("the rerun's exit").isZero();
        Map<String, Long> undisturbed = withServer(undisturbedDir, DemoGenerationCrashIntegrationTests::counts);
        Map<String, Long> rerun = withServer(data, DemoGenerationCrashIntegrationTests::counts);
        assertThat(undisturbed.get("grants.program")).isPositive();
        assertThat(rerun).as("the same end state as an undisturbed run").isEqualTo(undisturbed);
        System.out.printf(
                "Demo generation kill -9 drill: killed before recording, nothing visible; a user's row"
                        + " left alone; the rerun equals the undisturbed run (%s) in %d s%n",
                undisturbed, (System.nanoTime() - begun) / 1_000_000_000);
    }

    private int runToEnd(Path data, String logName) throws Exception {
        Path log = dir.resolve(logName);
        Process child = ChildJvm.demoCommand(log, data, "generate", "--only", "grants");
        if (!child.waitFor(4, TimeUnit.MINUTES)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("generate did not end within 4 minutes; log:\n" + Files.readString(log));
        }
        return child.exitValue();
    }

    /** The child's embedded server's port, from its {@code postmaster.pid} (fourth line), while it runs. */
    private static Connection connect(Path data) throws SQLException {
        try {
            List<String> pid = Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid"));
            return DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + pid.get(3).strip() + "/" + "commonweal", "postgres", "");
        } catch (java.io.IOException | IndexOutOfBoundsException e) {
            throw new SQLException("no server yet: " + e.getMessage(), e);
        }
    }

    private static boolean tablesExist(Path data) {
        try (Connection c = connect(data);
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select to_regclass('demo.generated') is not null"
                    + " and to_regclass('grants.report_reminder') is not null");
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * The child has begun writing grants (a backend's last statement, which {@code pg_stat_activity} keeps while the
     * connection is idle, is the generator's; the migrations' statements at start are not).
     */
    private static boolean generating(Connection c) {
        return single(c, """
                select count(*) from pg_stat_activity where pid <> pg_backend_pid()
                  and (query ilike 'truncate grants.%' or query ilike 'copy grants.%'
                       or query ilike 'insert into grants.%')""") > 0;
    }

    private static boolean waitingToRecord(Connection c) {
        return single(c, """
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%demo.generated%'""") > 0;
    }

    private static void awaitNoWriterLeft(Connection c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (single(c, """
                select count(*) from pg_stat_activity
                where state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend'""") > 0) {
            assertThat(System.nanoTime()).as("the killed run's backend ended").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Grants rows a reader sees; waits at most 300 ms for a lock (a run's reset holds its tables until it ends). */
    private static long visibleRows(Connection c) throws SQLException {
        long seen = 0;
        for (String table : TABLES) {
            try (Statement s = c.createStatement()) {
                s.execute("set lock_timeout = '300ms'");
                var rs = s.executeQuery("select count(*) from " + table);
                rs.next();
                seen += rs.getLong(1);
            } catch (SQLException e) {
                if (!"55P03".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        return seen;
    }

    private static List<String> generatedRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            var rs = s.executeQuery("select generator from demo.generated where generator = 'grants'"
                    + " union all select generator from demo.provenance where generator = 'grants'");
            var names = new java.util.ArrayList<String>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static Map<String, Long> counts(Connection c) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (String table : TABLES) {
                var rs = s.executeQuery("select count(*) from " + table);
                rs.next();
                counts.put(table, rs.getLong(1));
            }
            var rs = s.executeQuery("select coalesce(sum(rows_written), 0) from demo.generated");
            rs.next();
            counts.put("demo.generated rows_written", rs.getLong(1));
        }
        return counts;
    }

    private static String activity(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            var rs = s.executeQuery("select string_agg(concat_ws(' | ', pid, state, wait_event_type, wait_event,"
                    + " left(query, 120)), E'\\n') from pg_stat_activity where backend_type = 'client backend'");
            rs.next();
            return rs.getString(1);
        }
    }

    private static long single(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            var rs = s.executeQuery(sql);
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface WithConnection<T> {
        T apply(Connection c) throws Exception;
    }

    /** Starts the (stopped) server of a data directory the children left, for reading, and stops it again. */
    private static <T> T withServer(Path data, WithConnection<T> work) throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(data.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false)
                        .start();
                Connection c = postgres.getDatabase("postgres", "commonweal").getConnection()) {
            return work.apply(c);
        }
    }
}
