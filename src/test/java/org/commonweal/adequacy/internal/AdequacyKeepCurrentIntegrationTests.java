package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy.RunSummary;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.network.LocationChanged;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Adequacy keeps itself current: directory location events (coalesced), members' address changes read from
 * coverage's history, and product-line codes without a mapping reported.
 */
@IntegrationTest
class AdequacyKeepCurrentIntegrationTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));
    static final String HOSPITAL = "282N00000X";

    @Autowired
    AdequacyService service;

    @Autowired
    AdequacyStore store;

    @Autowired
    DirectoryChanges directoryChanges;

    @Autowired
    MemberChangesJob memberChangesJob;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Geography geography;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void aPublishedLocationChangeMakesOneIncrementalRunAndItsRemovalRestoresTheResults() throws Exception {
        RunSummary base = service.run(TODAY, null, "test");
        ZipResult gap = AdequacyReport.gaps(store.results(base.id())).stream()
                .filter(r ->
                        r.providerType().equals("hospital") && r.productLine().equals("MCLA"))
                .findFirst()
                .orElseThrow();
        GeoPoint site = geography.zip(gap.zip()).orElseThrow().centroid();
        // a burst: the same new hospital published three times as its record is completed, ends at the gap ZIP
        for (double shift : new double[] {0.2, 0.1, 0.0}) {
            transactions.executeWithoutResult(tx -> publisher.publishEvent(new LocationChanged(
                    "test-event-hospital",
                    List.of("medi-cal", "medicare"),
                    List.of(HOSPITAL, "261QU0200X"),
                    site.latitude() + shift,
                    site.longitude(),
                    false)));
        }
        RunSummary patched = nextRun(base);
        settle();
        assertThat(runsAfter(base)).as("one run for the burst").hasSize(1);
        assertThat(patched.kind()).isEqualTo("incremental");
        assertThat(patched.startedBy()).isEqualTo("system:directory-change");
        assertThat(patched.parameters()).contains("after 1 directory location change(s)");
        ZipResult closed = result(patched, "MCLA", "hospital", gap.zip());
        assertThat(closed.notMet()).isLessThan(gap.notMet());

        transactions.executeWithoutResult(tx -> publisher.publishEvent(
                new LocationChanged("test-event-hospital", List.of(), List.of(), null, null, true)));
        RunSummary removed = nextRun(patched);
        List<ZipResult> restored = store.results(removed.id());
        List<ZipResult> original = store.results(base.id());
        assertThat(restored.stream().filter(r -> !original.contains(r)).toList())
                .as("results differing from the base")
                .isEmpty();
        assertThat(restored).hasSameSizeAs(original);
    }

    @Test
    void aBurstOfManyLocationChangesMakesOneFullRun() throws Exception {
        RunSummary base = service.run(TODAY, null, "test");
        GeoPoint center = geography.zip("90012").orElseThrow().centroid();
        transactions.executeWithoutResult(tx -> {
            for (int i = 0; i < AdequacyService.LOCATION_BATCH_LIMIT + 10; i++) {
                publisher.publishEvent(new LocationChanged(
                        "test-roster-" + i,
                        List.of("medi-cal"),
                        List.of("333600000X"),
                        center.latitude() + i * 0.001,
                        center.longitude(),
                        false));
            }
        });
        RunSummary next = nextRun(base);
        settle();
        assertThat(runsAfter(base)).hasSize(1);
        assertThat(next.kind()).isEqualTo("full");
    }

    @Test
    void unmappedProductLineCodesAreReportedNotDropped() throws Exception {
        service.run(TODAY, null, "test");
        transactions.executeWithoutResult(tx -> publisher.publishEvent(new LocationChanged(
                "test-dental-office", List.of("dental-hmo"), List.of("1223G0001X"), 34.05, -118.25, false)));
        waitFor(() -> store.unmapped().stream()
                .anyMatch(u -> u.source().equals("network") && u.code().equals("dental-hmo")));

        Map<String, String> mapping = store.networkProductLines();
        jdbc.sql("delete from adequacy.product_line_network where product_line = 'PASC'")
                .update();
        try {
            RunSummary run = service.run(TODAY, null, "test");
            assertThat(run.notes()).contains("coverage product line PASC has no directory mapping");
            assertThat(store.unmapped())
                    .anyMatch(u -> u.source().equals("coverage") && u.code().equals("PASC"));
            assertThat(store.results(run.id())).noneMatch(r -> r.productLine().equals("PASC"));
            String page = mvc.perform(get("/adequacy/standards").with(user("nm").roles("NETWORK_MANAGER")))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).contains("mapping-table", "id=\"unmapped\"", "dental-hmo", "PASC");
        } finally {
            jdbc.sql("insert into adequacy.product_line_network values ('PASC', ?)")
                    .param(mapping.get("PASC"))
                    .update();
        }
        assertThat(store.unmapped()).noneMatch(u -> u.code().equals("PASC"));
    }

    @Test
    void aMemberWhoMovedIsMeasuredAgainAloneAndTheScheduledJobKeepsItCurrent() {
        RunSummary base = service.run(TODAY, "MCLA", "test");
        var move = MemberMove.pick(jdbc, geography, TODAY);
        try {
            move.toLancaster();
            RunSummary moved = service.membersChanged(Duration.ZERO, "test").orElseThrow();
            assertThat(moved.kind()).isEqualTo("incremental");
            assertThat(moved.notes()).startsWith("1 changed member(s) read: 1 moved");
            move.assertMoved(store, base, moved);
            assertThat(service.membersChanged(Duration.ZERO, "test"))
                    .as("nothing changed since")
                    .isEmpty();

            move.back();
            assertThat(memberChangesJob.scheduled()).as("ran on this instance").isTrue();
            RunSummary back = store.runs().get(0);
            assertThat(back.id()).isGreaterThan(moved.id());
            assertThat(back.startedBy()).isEqualTo("system:adequacy-member-changes");
            move.assertBack(store, base, back);
        } finally {
            move.back();
        }
        assertThat(jdbc.sql("select count(*) from audit.audit_event where purpose = ? and detail like ?")
                        .params(AdequacyService.PURPOSE, "residences of members changed since%")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    private ZipResult result(RunSummary run, String line, String type, String zip) {
        return store.results(run.id()).stream()
                .filter(r -> r.zip().equals(zip)
                        && r.productLine().equals(line)
                        && r.providerType().equals(type))
                .findFirst()
                .orElseThrow();
    }

    private List<RunSummary> runsAfter(RunSummary base) {
        List<RunSummary> after = new ArrayList<>(
                store.runs().stream().filter(r -> r.id() > base.id()).toList());
        return after;
    }

    private RunSummary nextRun(RunSummary base) throws InterruptedException {
        waitFor(() -> !runsAfter(base).isEmpty());
        return runsAfter(base).get(runsAfter(base).size() - 1);
    }

    /** Waits past the quiet period so a second (wrong) run would have been stored. */
    private void settle() throws InterruptedException {
        waitFor(() -> directoryChanges.waiting() == 0);
        Thread.sleep(3_000);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as("within 40 s").isTrue();
    }
}
