package org.commonweal.adequacy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonweal.adequacy.TravelTimeModel;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;
import org.junit.jupiter.api.Test;

class AdequacyEngineTests {

    static final List<String> LINES = List.of("MCLA", "LACC");
    static final List<String> TYPES = List.of("pcp-adult", "cardiology", "hospital");

    /** Synthetic county: 40 ZIPs around LA, locations clustered like a real network, a few sparse types. */
    static Fixture fixture(long seed, int members) {
        Random random = new Random(seed);
        List<ZipArea> zips = new ArrayList<>();
        for (int z = 0; z < 40; z++) {
            zips.add(new ZipArea(
                    String.valueOf(90001 + z),
                    new GeoPoint(33.7 + random.nextDouble() * 0.9, -118.7 + random.nextDouble() * 1.0),
                    "City",
                    z < 38 ? "06037" : "06027",
                    1 + z % 8,
                    1 + z % 11,
                    500 + random.nextInt(80000)));
        }
        int[] counts = {300, 40, 6};
        GeoGrid[][] grids = new GeoGrid[LINES.size()][TYPES.size()];
        for (int p = 0; p < LINES.size(); p++) {
            for (int t = 0; t < TYPES.size(); t++) {
                grids[p][t] = new GeoGrid();
                for (int i = 0; i < counts[t] / (p + 1); i++) {
                    grids[p][t].add(
                            "loc-" + p + "-" + t + "-" + i,
                            new GeoPoint(33.7 + random.nextDouble() * 0.9, -118.7 + random.nextDouble() * 1.0));
                }
                grids[p][t].rebuild();
            }
        }
        Map<String, Standard> standards = new HashMap<>();
        for (String line : LINES) {
            for (String tier : List.of("dense", "rural")) {
                standards.put(StandardBook.key(line, tier, "pcp-adult"), new Standard(10, 30));
                standards.put(
                        StandardBook.key(line, tier, "cardiology"),
                        tier.equals("dense") ? new Standard(15, 30) : new Standard(60, 90));
                standards.put(StandardBook.key(line, tier, "hospital"), new Standard(5, 12));
            }
        }
        var book = new StandardBook(
                standards,
                Map.of(StandardBook.key("MCLA", "90003", "hospital"), new Standard(30, 60)),
                Map.of("06037", "dense", "06027", "rural"),
                "dense");
        Map<String, ZipArea> byZip = new HashMap<>();
        zips.forEach(z -> byZip.put(z.zip(), z));
        TravelTimeModel travel = new RoadFactorTravelTimeModel(zips);
        var engine = new AdequacyEngine(LINES, TYPES, grids, byZip, book, travel, 2);
        var run = engine.start();
        for (int m = 0; m < members; m++) {
            ZipArea zip = zips.get(random.nextInt(zips.size()));
            boolean geocoded = random.nextInt(50) != 0;
            run.add(
                    random.nextInt(4) == 0 ? "LACC" : "MCLA",
                    zip.zip(),
                    geocoded ? zip.centroid().latitude() + random.nextGaussian() * 0.03 : null,
                    geocoded ? zip.centroid().longitude() + random.nextGaussian() * 0.03 : null);
        }
        run.add("OTHER", "90001", 34.0, -118.2);
        run.add("MCLA", "99999", null, null);
        return new Fixture(engine, run.finish(), book, travel, byZip);
    }

    record Fixture(
            AdequacyEngine engine,
            Snapshot snapshot,
            StandardBook book,
            TravelTimeModel travel,
            Map<String, ZipArea> zips) {}

    @Test
    void gridNearestEqualsBruteForceForTenThousandMembers() {
        var f = fixture(7, 30_000);
        int[] compared = {0};
        f.snapshot().sample(10_000, (home, pl, zip, miles, flags) -> {
            for (int t = 0; t < TYPES.size(); t++) {
                double brute = f.engine().bruteForceMiles(pl, t, home);
                assertThat(miles[t]).isCloseTo(brute, org.assertj.core.data.Offset.offset(1e-9));
                Standard standard = f.book().standard(LINES.get(pl), f.zips().get(zip), TYPES.get(t));
                int expected = standard.evaluate(
                        brute,
                        f.travel().minutes(brute, f.zips().get(zip)),
                        f.book().alternative(LINES.get(pl), zip, TYPES.get(t)));
                assertThat(Standard.met(flags[t])).isEqualTo(Standard.met(expected));
                assertThat(flags[t]).isEqualTo(expected);
            }
            compared[0]++;
        });
        assertThat(compared[0]).isEqualTo(10_000);
        assertThat(f.snapshot().unlocated()).isEqualTo(1);
        assertThat(f.snapshot().outOfScope()).isEqualTo(1);
    }

    @Test
    void queriesFarOutsideTheGridStillFindTheNearest() {
        var grid = new GeoGrid();
        grid.add("a", new GeoPoint(34.0, -118.2));
        grid.add("b", new GeoPoint(34.5, -118.0));
        grid.rebuild();
        int[] found = new int[1];
        GeoPoint far = new GeoPoint(36.6, -118.06);
        assertThat(grid.nearest(far, found)).isEqualTo(grid.nearestBruteForce(far));
        assertThat(grid.id(found[0])).isEqualTo("b");
        assertThat(new GeoGrid().rebuild().nearest(far, found)).isInfinite();
        assertThat(found[0]).isEqualTo(-1);
    }

    @Test
    void aggregatesCountMembersMetAndAlternative() {
        var f = fixture(11, 5_000);
        var results = f.snapshot().results();
        assertThat(results.stream()
                        .filter(r -> r.providerType().equals("pcp-adult"))
                        .mapToLong(r -> r.members())
                        .sum())
                .isEqualTo(f.snapshot().memberCount());
        assertThat(results).allSatisfy(r -> {
            assertThat(r.met()).isBetween(0, r.members());
            assertThat(r.met()).isEqualTo(r.metByAlternative() + countEither(r));
        });
        assertThat(results.stream()
                        .filter(r -> r.zip().equals("90003")
                                && r.productLine().equals("MCLA")
                                && r.providerType().equals("hospital"))
                        .mapToInt(ZipResult::metByAlternative)
                        .sum())
                .isPositive();
    }

    private static int countEither(ZipResult r) {
        // met by miles or minutes (both may hold): at least the larger, at most the sum
        int either = r.met() - r.metByAlternative();
        assertThat(either).isBetween(Math.max(r.metByMiles(), r.metByMinutes()), r.metByMiles() + r.metByMinutes());
        return either;
    }

    @Test
    void incrementalChangesGiveTheSameResultsAsAFullRun() {
        var patched = fixture(23, 8_000);
        GeoPoint newSite = new GeoPoint(34.05, -118.25);
        patched.snapshot().applyLocationChange(0, 2, "new-hospital", newSite);
        patched.snapshot().applyLocationChange(0, 1, "loc-0-1-3", null);
        patched.snapshot().applyLocationChange(0, 0, "loc-0-0-7", new GeoPoint(33.9, -118.3));

        var reference = fixture(23, 8_000);
        reference.engine().grid(0, 2).add("new-hospital", newSite);
        reference.engine().grid(0, 2).rebuild();
        reference
                .engine()
                .grid(0, 1)
                .indexesOf("loc-0-1-3")
                .forEach(reference.engine().grid(0, 1)::remove);
        reference.engine().grid(0, 1).rebuild();
        var grid0 = reference.engine().grid(0, 0);
        grid0.indexesOf("loc-0-0-7").forEach(grid0::remove);
        grid0.add("loc-0-0-7", new GeoPoint(33.9, -118.3));
        grid0.rebuild();
        // a fresh run against the changed directory, same members (same seed)
        var rerun = AdequacyEngineTests.rerun(reference, 23, 8_000);
        assertThat(patched.snapshot().results()).isEqualTo(rerun.results());
        assertThat(patched.snapshot().results())
                .isNotEqualTo(reference.snapshot().results());
    }

    @Test
    void aRunOverItsMemoryBudgetHoldsAFewBatchesAtATimeAndGivesTheSameResultsToTheLastBit() {
        // 200,000 members: 25 batches of 8,192; a run that keeps them all holds 25, one over its budget a few
        var f = fixture(31, 200_000);
        var kept = f.engine().start();
        var streamed = f.engine().start(0);
        var switched = f.engine().start(3 * MemberBatch.bytes(TYPES.size()));
        for (var run : List.of(kept, streamed, switched)) {
            f.snapshot().forEachMember((pl, zip, lat, lon) -> run.add(LINES.get(pl), zip, lat, lon));
            run.add("OTHER", "90001", 34.0, -118.2);
            run.add("MCLA", "99999", null, null);
            run.add("LACC", "99998", null, null);
        }
        Snapshot all = kept.finish();
        Snapshot lean = streamed.finish();
        Snapshot late = switched.finish();

        assertThat(all.keepsMembers()).isTrue();
        assertThat(kept.peakBatches()).isEqualTo(25);
        assertThat(lean.keepsMembers()).isFalse();
        assertThat(late.keepsMembers()).isFalse();
        // two workers: at most 4 per worker waiting to be folded, and the one being filled
        assertThat(streamed.peakBatches()).isLessThanOrEqualTo(9);
        assertThat(switched.peakBatches()).isLessThanOrEqualTo(9);

        assertThat(all.results()).hasSizeGreaterThan(200);
        assertThat(lean.results()).isEqualTo(all.results());
        assertThat(late.results()).isEqualTo(all.results());
        for (Snapshot s : List.of(lean, late)) {
            assertThat(s.memberCount()).isEqualTo(all.memberCount()).isEqualTo(200_000);
            assertThat(s.unlocated()).isEqualTo(all.unlocated()).isEqualTo(2);
            assertThat(s.outOfScope()).isEqualTo(all.outOfScope()).isEqualTo(1);
        }
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> lean.applyLocationChange(0, 0, "loc-0-0-1", null))
                .withMessageContaining("no member records");
        org.assertj.core.api.Assertions.assertThatIllegalStateException()
                .isThrownBy(() -> late.applyResidenceChanges(List.of()));
    }

    /** Runs the fixture's members again through the fixture's (changed) engine. */
    static Snapshot rerun(Fixture reference, long seed, int members) {
        Fixture replay = fixture(seed, members);
        // replay used the original grids; feed its members into the changed engine
        var run = reference.engine().start();
        replay.snapshot().forEachMember((pl, zip, lat, lon) -> run.add(LINES.get(pl), zip, lat, lon));
        run.add("OTHER", "90001", 34.0, -118.2);
        run.add("MCLA", "99999", null, null);
        return run.finish();
    }
}
