package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Adequacy with a memory budget too small for any member's record ({@code commonweal.adequacy.snapshot-budget=0},
 * what a full-scale membership meets in a 1 GB heap): a run keeps its results only, and a member's move or a
 * location change makes a full run instead of patching records it does not have. Its own application context (the
 * property differs from {@code @IntegrationTest}'s).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "commonweal.adequacy.snapshot-budget=0")
@ActiveProfiles("test")
class AdequacyOverBudgetIntegrationTests {

    static final LocalDate TODAY = AdequacyKeepCurrentIntegrationTests.TODAY;

    @Autowired
    AdequacyService service;

    @Autowired
    AdequacyStore store;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Geography geography;

    @Test
    void overItsBudgetARunKeepsResultsOnlyAndEveryChangeMakesAFullRun() {
        RunSummary base = service.run(TODAY, "MCLA", "test");
        assertThat(service.snapshot().orElseThrow().keepsMembers()).isFalse();
        assertThat(base.members()).isPositive();
        assertThat(store.results(base.id()).stream()
                        .filter(r -> r.providerType().equals("pcp-adult"))
                        .mapToLong(ZipResult::members)
                        .sum())
                .isEqualTo(base.members());
        // the gap list's nearest locations come from the run's directory, which is kept
        GeoPoint downtown = geography.zip("90012").orElseThrow().centroid();
        assertThat(service.nearestLocations("MCLA", "pcp-adult", downtown, 3)).hasSize(3);

        Object[] member = jdbc.sql("""
                select m.member_id, m.zip, m.latitude, m.longitude from coverage.member m
                  join coverage.enrollment_span s on s.member_id = m.member_id
                 where s.product_line = 'MCLA' and s.begin_date <= ? and (s.end_date is null or s.end_date >= ?)
                   and s.status <> 'suspended' and m.latitude is not null and m.zip <> '93534'
                 order by m.member_id limit 1""")
                .params(TODAY, TODAY)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        String id = (String) member[0];
        String oldZip = (String) member[1];
        GeoPoint lancaster = geography.zip("93534").orElseThrow().centroid();
        int oldBefore = members(base, oldZip);
        int newBefore = members(base, "93534");
        try {
            move(id, "93534", lancaster.latitude(), lancaster.longitude());
            RunSummary moved = service.membersChanged(Duration.ZERO, "test").orElseThrow();
            assertThat(moved.kind()).isEqualTo("full");
            assertThat(moved.members()).isEqualTo(base.members());
            assertThat(members(moved, oldZip)).isEqualTo(oldBefore - 1);
            assertThat(members(moved, "93534")).isEqualTo(newBefore + 1);
            assertThat(service.snapshot().orElseThrow().keepsMembers()).isFalse();
            assertThat(service.membersChanged(Duration.ZERO, "test"))
                    .as("nothing changed since")
                    .isEmpty();

            RunSummary located = service.locationChanged(
                    "medi-cal",
                    List.of(AdequacyKeepCurrentIntegrationTests.HOSPITAL),
                    "test-budget-hospital",
                    downtown.latitude(),
                    downtown.longitude(),
                    "test");
            assertThat(located.kind()).isEqualTo("full");
            assertThat(located.id()).isGreaterThan(moved.id());
        } finally {
            move(id, oldZip, (Double) member[2], (Double) member[3]);
        }
    }

    private void move(String memberId, String zip, Double latitude, Double longitude) {
        jdbc.sql("update coverage.member set zip = ?, latitude = ?, longitude = ?, updated_at = now() "
                        + "where member_id = ?")
                .params(zip, latitude, longitude, memberId)
                .update();
    }

    private int members(RunSummary run, String zip) {
        return store.results(run.id()).stream()
                .filter(r -> r.productLine().equals("MCLA")
                        && r.providerType().equals("pcp-adult")
                        && r.zip().equals(zip))
                .mapToInt(ZipResult::members)
                .sum();
    }
}
