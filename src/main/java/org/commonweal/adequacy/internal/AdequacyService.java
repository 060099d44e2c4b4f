package org.commonweal.adequacy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.TravelTimeModel;
import org.commonweal.adequacy.engine.AdequacyEngine;
import org.commonweal.adequacy.engine.GeoGrid;
import org.commonweal.adequacy.engine.Snapshot;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberChanges;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.network.LocationChanged;
import org.commonweal.network.NetworkDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class AdequacyService implements Adequacy {

    private static final Logger log = LoggerFactory.getLogger(AdequacyService.class);
    static final String PURPOSE = "network adequacy measurement";
    static final int THREADS = 2;

    /** More changed locations than this in one batch: a full run is cheaper than patching each. */
    static final int LOCATION_BATCH_LIMIT = 50;

    static final String SYSTEM = "system:adequacy-keep-current";

    private final AdequacyStore store;
    private final Coverage coverage;
    private final MemberChanges memberChanges;
    private final NetworkDirectory directory;
    private final Geography geography;
    private final TravelTimeModel travel;
    private final AuditTrail audit;
    private final long memberBudget;
    private Current current;

    /**
     * The last run's engine and snapshot, kept for incremental updates; {@code membersAsOf}: member changes after
     * it are not in the snapshot yet.
     */
    private record Current(RunSummary run, Snapshot snapshot, Map<String, String> networkLines, Instant membersAsOf) {}

    /** Decides each stored run's small-cell masks once, after its transaction commits (#19). */
    private final RunMasks masks;

    AdequacyService(
            AdequacyStore store,
            Coverage coverage,
            MemberChanges memberChanges,
            NetworkDirectory directory,
            Geography geography,
            TravelTimeModel travel,
            AuditTrail audit,
            @org.springframework.beans.factory.annotation.Value("${commonweal.adequacy.snapshot-budget:}")
                    String snapshotBudget,
            RunMasks masks) {
        this.masks = masks;
        this.memberBudget = memberBudget(snapshotBudget, Runtime.getRuntime().maxMemory());
        this.store = store;
        this.coverage = coverage;
        this.memberChanges = memberChanges;
        this.directory = directory;
        this.geography = geography;
        this.travel = travel;
        this.audit = audit;
    }

    /**
     * How much heap the members' records of a run may keep for incremental updates
     * ({@code commonweal.adequacy.snapshot-budget}, e.g. {@code 600MB}; by default a quarter of the maximum heap):
     * at 2.9 million members they take about 490 MB, half of a 1 GB heap, for good. Over the budget a run keeps
     * its results only and every later change makes a full run, whose memory stays bounded.
     */
    static long memberBudget(String setting, long maxHeap) {
        return setting == null || setting.isBlank()
                ? maxHeap / 4
                : org.springframework.util.unit.DataSize.parse(setting.strip()).toBytes();
    }

    @Override
    public synchronized RunSummary run(LocalDate date, String productLine, String actor) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, String> networkLines = store.networkProductLines();
        List<String> wanted = coverage.productLines().stream()
                .map(p -> p.code())
                .filter(c -> productLine == null || productLine.equals(c))
                .toList();
        List<String> lines = wanted.stream().filter(networkLines::containsKey).toList();
        Map<String, long[]> unmapped = new LinkedHashMap<>();
        wanted.stream().filter(c -> !networkLines.containsKey(c)).forEach(c -> unmapped.put(c, new long[1]));
        if (lines.isEmpty() && unmapped.isEmpty()) {
            throw new IllegalArgumentException("unknown product line '" + productLine + "'");
        }
        var types = store.providerTypes();
        GeoGrid[][] grids = new GeoGrid[lines.size()][types.size()];
        Fingerprint directoryPrint = new Fingerprint();
        for (int p = 0; p < lines.size(); p++) {
            loadGrids(networkLines.get(lines.get(p)), types, grids[p], directoryPrint);
        }
        Map<String, ZipArea> zips =
                geography.zips().stream().collect(Collectors.toMap(ZipArea::zip, Function.identity()));
        var engine = new AdequacyEngine(
                lines,
                types.stream().map(AdequacyStore.ProviderType::code).toList(),
                grids,
                zips,
                store.book(date),
                travel,
                THREADS);
        Fingerprint members = new Fingerprint();
        Snapshot snapshot;
        // when the last run's membership already passed the budget, this one will too: fold from the first batch
        // rather than hold records up to the budget first (a heap ramp of the whole budget on every full run)
        long lastMembers = current != null ? current.run().members() : store.lastRunMembers();
        long budget = engine.recordBytes(lastMembers) > memberBudget ? 0 : memberBudget;
        try (var run = engine.start(budget)) {
            coverage.forEachActiveMember(date, PURPOSE, m -> {
                members.add(m.memberId(), m.zip(), m.latitude(), m.longitude(), m.productLine());
                long[] notMapped = unmapped.get(m.productLine());
                if (notMapped != null) {
                    notMapped[0]++;
                }
                run.add(AdequacyEngine.memberKey(m.memberId()), m.productLine(), m.zip(), m.latitude(), m.longitude());
            });
            snapshot = run.finish();
        }
        List<String> notes = new ArrayList<>();
        unmapped.forEach((code, count) -> {
            String note = "coverage product line " + code + " has no directory mapping: " + count[0]
                    + " members not measured";
            store.reportUnmapped("coverage", code, note);
            log.warn("adequacy: {}", note);
            notes.add(note);
        });
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        var summary = new RunSummary(
                0,
                date,
                productLine,
                "full",
                started,
                Instant.now(),
                actor,
                travel.name(),
                parameters(lines, types),
                members.toString(),
                directoryPrint.toString(),
                snapshot.memberCount(),
                snapshot.unlocated(),
                elapsed,
                started,
                String.join("; ", notes));
        long id = store.saveRun(summary, snapshot.results());
        masks.decideAfterCommit(id);
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.CREATE,
                        "adequacy-run",
                        String.valueOf(id),
                        null,
                        PURPOSE,
                        "members " + snapshot.memberCount() + ", date " + date));
        log.info("adequacy run {}: {} members, {} ms", id, snapshot.memberCount(), elapsed);
        if (!snapshot.keepsMembers()) {
            log.info(
                    "adequacy run {}: members' records over the snapshot budget of {} MB "
                            + "(commonweal.adequacy.snapshot-budget): results kept, records not; "
                            + "a change makes a full run",
                    id,
                    memberBudget >> 20);
        }
        RunSummary stored = store.findRun(id).orElseThrow();
        current = new Current(stored, snapshot, networkLines, started);
        return stored;
    }

    private void loadGrids(
            String networkLine, List<AdequacyStore.ProviderType> types, GeoGrid[] grids, Fingerprint print) {
        Map<String, List<Integer>> typesByCode = new HashMap<>();
        for (int t = 0; t < types.size(); t++) {
            grids[t] = new GeoGrid();
            for (String code : types.get(t).taxonomyCodes()) {
                typesByCode.computeIfAbsent(code, k -> new ArrayList<>()).add(t);
            }
        }
        List<Set<String>> seen = new ArrayList<>();
        types.forEach(t -> seen.add(new HashSet<>()));
        directory.forEachServiceLocation(networkLine, typesByCode.keySet(), loc -> {
            for (int t : typesByCode.getOrDefault(loc.taxonomyCode(), List.of())) {
                if (seen.get(t).add(loc.locationId())) {
                    grids[t].add(loc.locationId(), new GeoPoint(loc.latitude(), loc.longitude()));
                    print.add(networkLine, String.valueOf(t), loc.locationId(), loc.latitude(), loc.longitude());
                }
            }
        });
        for (GeoGrid g : grids) {
            g.rebuild();
        }
    }

    private String parameters(List<String> lines, List<AdequacyStore.ProviderType> types) {
        return "product lines " + String.join(",", lines) + "; provider types "
                + types.stream().map(AdequacyStore.ProviderType::code).collect(Collectors.joining(","))
                + "; travel " + travel.parameters() + "; nearest by great-circle miles (haversine)";
    }

    @Override
    public List<RunSummary> runs() {
        return store.runs();
    }

    @Override
    public Optional<RunSummary> findRun(long id) {
        return store.findRun(id);
    }

    @Override
    public synchronized RunSummary locationChanged(
            String networkProductLine,
            List<String> taxonomyCodes,
            String locationId,
            Double latitude,
            Double longitude,
            String actor) {
        if (current == null || !current.snapshot().keepsMembers()) {
            RunSummary last = store.runs().stream()
                    .filter(r -> r.kind().equals("full"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no run to update: run adequacy first"));
            return run(last.measuredOn(), last.productLine(), actor);
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        AdequacyEngine engine = current.snapshot().engine();
        var types = store.providerTypes();
        GeoPoint point = latitude == null || longitude == null ? null : new GeoPoint(latitude, longitude);
        int affected = 0;
        for (int p = 0; p < engine.productLines().size(); p++) {
            if (!networkProductLine.equals(
                    current.networkLines().get(engine.productLines().get(p)))) {
                continue;
            }
            for (int t = 0; t < engine.providerTypes().size(); t++) {
                String type = engine.providerTypes().get(t);
                boolean applies = types.stream()
                        .filter(x -> x.code().equals(type))
                        .anyMatch(x -> x.taxonomyCodes().stream().anyMatch(taxonomyCodes::contains));
                if (applies) {
                    affected += current.snapshot().applyLocationChange(p, t, locationId, point);
                }
            }
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        RunSummary base = current.run();
        var summary = new RunSummary(
                0,
                base.measuredOn(),
                base.productLine(),
                "incremental",
                started,
                Instant.now(),
                actor,
                base.travelModel(),
                base.parameters() + "; after location " + locationId
                        + (point == null ? " removed" : " at " + point.latitude() + "," + point.longitude())
                        + " (" + affected + " members recomputed)",
                base.membershipFingerprint(),
                base.directoryFingerprint() + "+" + locationId,
                base.members(),
                base.membersUnlocated(),
                elapsed,
                current.membersAsOf(),
                "");
        long id = store.saveRun(summary, current.snapshot().results());
        masks.decideAfterCommit(id);
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.CREATE,
                        "adequacy-run",
                        String.valueOf(id),
                        null,
                        PURPOSE,
                        "incremental after location " + locationId));
        RunSummary stored = store.findRun(id).orElseThrow();
        current = new Current(stored, current.snapshot(), current.networkLines(), current.membersAsOf());
        return stored;
    }

    /**
     * Locations that changed in the directory (coalesced: the latest state of each): for every product line and
     * provider type of the last run, a location is put where it now is when it serves that network and type, and
     * taken out when it no longer does; one incremental run is stored for the whole batch. More than
     * {@link #LOCATION_BATCH_LIMIT} locations, or no snapshot in memory, make a full run of the last run's date and
     * filter. Directory product-line codes without a mapping are reported. Empty when nothing measured changed.
     */
    public synchronized Optional<RunSummary> locationsChanged(List<LocationChanged> changes, String actor) {
        Map<String, String> networkLines = current == null ? store.networkProductLines() : current.networkLines();
        List<String> notes = new ArrayList<>();
        changes.stream()
                .flatMap(c -> c.networkProductLines().stream())
                .distinct()
                .filter(code -> !networkLines.containsValue(code))
                .forEach(code -> {
                    String note = "directory product line " + code + " has no coverage mapping: its locations are "
                            + "not measured";
                    store.reportUnmapped("network", code, note + " (location changes)");
                    log.warn("adequacy: {}", note);
                    notes.add(note);
                });
        Optional<RunSummary> last =
                store.runs().stream().filter(r -> r.kind().equals("full")).findFirst();
        if (last.isEmpty()) {
            return Optional.empty();
        }
        if (current == null || !current.snapshot().keepsMembers() || changes.size() > LOCATION_BATCH_LIMIT) {
            RunSummary base = current == null ? last.get() : current.run();
            return Optional.of(run(base.measuredOn(), base.productLine(), actor));
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Snapshot snapshot = current.snapshot();
        AdequacyEngine engine = snapshot.engine();
        var types = store.providerTypes();
        int affected = 0;
        int patched = 0;
        for (LocationChanged c : changes) {
            GeoPoint point = c.removed() || c.latitude() == null || c.longitude() == null
                    ? null
                    : new GeoPoint(c.latitude(), c.longitude());
            for (int p = 0; p < engine.productLines().size(); p++) {
                boolean inNetwork = c.networkProductLines()
                        .contains(networkLines.get(engine.productLines().get(p)));
                for (int t = 0; t < engine.providerTypes().size(); t++) {
                    String type = engine.providerTypes().get(t);
                    boolean serves = point != null
                            && inNetwork
                            && types.stream()
                                    .filter(x -> x.code().equals(type))
                                    .anyMatch(x -> x.taxonomyCodes().stream().anyMatch(c.taxonomyCodes()::contains));
                    GeoGrid grid = engine.grid(p, t);
                    List<Integer> present = grid.indexesOf(c.locationId());
                    boolean same = serves
                            && present.size() == 1
                            && grid.point(present.get(0)).equals(point);
                    if (same || (!serves && present.isEmpty())) {
                        continue;
                    }
                    affected += snapshot.applyLocationChange(p, t, c.locationId(), serves ? point : null);
                    patched++;
                }
            }
        }
        if (patched == 0) {
            return Optional.empty();
        }
        notes.add(changes.size() + " location change(s): " + patched + " product line x provider type placements, "
                + affected + " members recomputed");
        return Optional.of(storeIncremental(
                started,
                t0,
                actor,
                "; after " + changes.size() + " directory location change(s)",
                "+" + changes.size() + " locations",
                null,
                notes));
    }

    /**
     * Members whose record changed since the snapshot's membership was read (from coverage's history): only they
     * are measured again, and one incremental run is stored. Without a snapshot in memory a full run of the last
     * run's date and filter is made when anything changed since the last stored run; when a quarter or more of the
     * members changed a full run is made too. Empty when no member's product line or residence changed.
     * {@code margin} re-reads changes that slightly predate the last read (transactions that committed late).
     */
    public synchronized Optional<RunSummary> membersChanged(java.time.Duration margin, String actor) {
        Optional<RunSummary> lastStored = store.runs().stream().findFirst();
        if (lastStored.isEmpty()) {
            return Optional.empty();
        }
        Instant readAt = Instant.now();
        if (current == null || !current.snapshot().keepsMembers()) {
            RunSummary base = store.runs().stream()
                    .filter(r -> r.kind().equals("full"))
                    .findFirst()
                    .orElseThrow();
            long[] changed = {0};
            memberChanges.forEachChangedSince(
                    lastStored.get().membersAsOf().minus(margin), base.measuredOn(), actor, PURPOSE, m -> changed[0]++);
            return changed[0] == 0 ? Optional.empty() : Optional.of(run(base.measuredOn(), base.productLine(), actor));
        }
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        List<Snapshot.Residence> residences = new ArrayList<>();
        memberChanges.forEachChangedSince(
                current.membersAsOf().minus(margin),
                current.run().measuredOn(),
                actor,
                PURPOSE,
                m -> residences.add(new Snapshot.Residence(
                        AdequacyEngine.memberKey(m.memberId()),
                        m.productLine(),
                        m.zip(),
                        m.latitude(),
                        m.longitude())));
        if (residences.size() * 4L >= Math.max(1, current.snapshot().memberCount())) {
            return Optional.of(run(current.run().measuredOn(), current.run().productLine(), actor));
        }
        Snapshot.ResidenceOutcome outcome = current.snapshot().applyResidenceChanges(residences);
        if (outcome.changed() == 0) {
            current = new Current(current.run(), current.snapshot(), current.networkLines(), readAt);
            return Optional.empty();
        }
        String note = residences.size() + " changed member(s) read: " + outcome.moved() + " moved or changed "
                + "product line, " + outcome.added() + " joined, " + outcome.removed() + " left, "
                + outcome.unchanged() + " unchanged";
        return Optional.of(storeIncremental(
                started, t0, actor, "; after member changes (" + note + ")", null, readAt, List.of(note)));
    }

    private RunSummary storeIncremental(
            Instant started,
            long t0,
            String actor,
            String parameters,
            String directorySuffix,
            Instant membersAsOf,
            List<String> notes) {
        RunSummary base = current.run();
        Snapshot snapshot = current.snapshot();
        Instant asOf = membersAsOf == null ? current.membersAsOf() : membersAsOf;
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        var summary = new RunSummary(
                0,
                base.measuredOn(),
                base.productLine(),
                "incremental",
                started,
                Instant.now(),
                actor,
                base.travelModel(),
                base.parameters().replaceAll("; after .*$", "") + parameters,
                base.membershipFingerprint().replaceAll("\\+members@.*$", "")
                        + (asOf.equals(base.membersAsOf()) ? "" : "+members@" + asOf),
                base.directoryFingerprint() + (directorySuffix == null ? "" : directorySuffix),
                snapshot.memberCount(),
                snapshot.unlocated(),
                elapsed,
                asOf,
                String.join("; ", notes));
        long id = store.saveRun(summary, snapshot.results());
        masks.decideAfterCommit(id);
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.CREATE,
                        "adequacy-run",
                        String.valueOf(id),
                        null,
                        PURPOSE,
                        "incremental: " + String.join("; ", notes)));
        log.info("adequacy incremental run {}: {} ms", id, elapsed);
        RunSummary stored = store.findRun(id).orElseThrow();
        current = new Current(stored, snapshot, current.networkLines(), asOf);
        return stored;
    }

    /** The last run's snapshot, if one is kept in memory. */
    public synchronized Optional<Snapshot> snapshot() {
        return Optional.ofNullable(current).map(Current::snapshot);
    }

    /** The nearest in-network locations of a type to a point, from the last run's directory (for the gap list). */
    public synchronized List<NearbyLocation> nearestLocations(
            String productLine, String providerType, GeoPoint from, int count) {
        if (current == null) {
            return List.of();
        }
        AdequacyEngine engine = current.snapshot().engine();
        int p = engine.productLines().indexOf(productLine);
        int t = engine.providerTypes().indexOf(providerType);
        if (p < 0 || t < 0) {
            return List.of();
        }
        GeoGrid grid = engine.grid(p, t);
        return grid.nearestIndexes(from, count).stream()
                .map(i -> new NearbyLocation(grid.id(i), from.milesTo(grid.point(i)), grid.point(i)))
                .toList();
    }

    public record NearbyLocation(String locationId, double miles, GeoPoint point) {}

    /** Counts and an order-independent hash of what went into a run, to tell whether the data changed. */
    static final class Fingerprint {
        private long count;
        private long hash;

        void add(Object... parts) {
            count++;
            hash += java.util.Arrays.hashCode(parts) * 0x9E3779B97F4A7C15L;
        }

        @Override
        public String toString() {
            return count + ":" + Long.toHexString(hash);
        }
    }
}
