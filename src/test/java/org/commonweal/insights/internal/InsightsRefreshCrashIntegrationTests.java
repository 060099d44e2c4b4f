package org.commonweal.insights.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.commonweal.ChildJvm;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault drill (#20): {@code kill -9} of the application in the middle of {@code insights-refresh}. The command runs in
 * its own JVM (the application in production mode on the tests' database). The test holds a share lock on
 * {@code insights.refresh}, so the child stops at the last statement of its first family's transaction, when it has
 * already deleted that family's figures and inserted the new ones, and is killed there. Readers see the old figures
 * throughout, nothing of the killed family is half-replaced, and a rerun gives the figures of an undisturbed refresh.
 */
@IntegrationTest
class InsightsRefreshCrashIntegrationTests {

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void aRefreshKilledInsideAFamilyLeavesEveryFamilyWholeAndARerunMatchesAnUndisturbedOne() throws Exception {
        refresh.refreshAll("test");
        Map<Family, String> undisturbed = figures();
        assertThat(undisturbed.get(Family.COVERAGE)).doesNotEndWith("|0");

        Path log = dir.resolve("child.log");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("lock table insights.refresh in share mode");
            }
            Process child = ChildJvm.command(dataSource, log, dir.resolve("app"), "insights-refresh");
            try {
                ChildJvm.await(
                        child,
                        log,
                        Duration.ofMinutes(3),
                        "the child's refresh inside a family's transaction",
                        this::waitingToFinishAFamily);
                assertThat(figures())
                        .as("readers see the old figures while a family is being replaced")
                        .isEqualTo(undisturbed);
            } finally {
                child.destroyForcibly().waitFor();
            }
            holder.rollback();
        }
        awaitNoWriterLeft();
        assertThat(figures()).as("every family whole after the kill").isEqualTo(undisturbed);

        refresh.refreshAll("test");
        assertThat(figures())
                .as("a rerun gives an undisturbed refresh's figures")
                .isEqualTo(undisturbed);
    }

    private boolean waitingToFinishAFamily() {
        return jdbc.sql("""
                select count(*) from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike '%insert into insights.refresh%'""").query(Integer.class).single() > 0;
    }

    private void awaitNoWriterLeft() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("""
                select count(*) from pg_stat_activity
                where state <> 'idle' and pid <> pg_backend_pid() and query ilike '%insert into insights.refresh%'""").query(Integer.class).single() > 0) {
            assertThat(System.nanoTime())
                    .as("the killed refresh's backend ended")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Each family's figures (every column but none of the refresh's timestamps), as a digest and a count. */
    private Map<Family, String> figures() {
        Map<Family, String> out = new LinkedHashMap<>();
        for (Family family : Family.values()) {
            String[] measures = Measure.of(family).stream().map(Measure::code).toArray(String[]::new);
            out.put(family, jdbc.sql("""
                    select coalesce(md5(string_agg(concat_ws('|', measure, geo_level, area, stratum_kind, stratum_value,
                        period_kind, period, numerator, denominator), ',' order by measure, geo_level, area,
                        stratum_kind, stratum_value, period_kind, period)), '') || '|' || count(*)
                    from insights.figure where measure = any(?)""").param(measures).query(String.class).single());
        }
        return out;
    }
}
