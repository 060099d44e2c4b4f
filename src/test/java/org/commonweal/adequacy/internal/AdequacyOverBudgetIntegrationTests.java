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

        var move = MemberMove.pick(jdbc, geography, TODAY);
        try {
            move.toLancaster();
            RunSummary moved = service.membersChanged(Duration.ZERO, "test").orElseThrow();
            assertThat(moved.kind()).isEqualTo("full");
            move.assertMoved(store, base, moved);
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
            move.back();
        }
    }
}
