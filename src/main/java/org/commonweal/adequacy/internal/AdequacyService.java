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
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.Geography;
import org.commonweal.geography.ZipArea;
import org.commonweal.network.NetworkDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class AdequacyService implements Adequacy {

    private static final Logger log = LoggerFactory.getLogger(AdequacyService.class);
    static final String PURPOSE = "network adequacy measurement";
    static final int THREADS = 2;

    private final AdequacyStore store;
    private final Coverage coverage;
    private final NetworkDirectory directory;
    private final Geography geography;
    private final TravelTimeModel travel;
    private final AuditTrail audit;
    private Current current;

    /** The last full run's engine and snapshot, kept for incremental updates. */
    private record Current(RunSummary run, Snapshot snapshot, Map<String, String> networkLines) {
    }

    AdequacyService(AdequacyStore store, Coverage coverage, NetworkDirectory directory, Geography geography,
            TravelTimeModel travel, AuditTrail audit) {
        this.store = store;
        this.coverage = coverage;
        this.directory = directory;
        this.geography = geography;
        this.travel = travel;
        this.audit = audit;
    }

    @Override
    public synchronized RunSummary run(LocalDate date, String productLine, String actor) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Map<String, String> networkLines = store.networkProductLines();
        List<String> lines = coverage.productLines().stream().map(p -> p.code())
                .filter(c -> networkLines.containsKey(c) && (productLine == null || productLine.equals(c))).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("unknown product line '" + productLine + "'");
        }
        var types = store.providerTypes();
        GeoGrid[][] grids = new GeoGrid[lines.size()][types.size()];
        Fingerprint directoryPrint = new Fingerprint();
        for (int p = 0; p < lines.size(); p++) {
            loadGrids(networkLines.get(lines.get(p)), types, grids[p], directoryPrint);
        }
        Map<String, ZipArea> zips = geography.zips().stream()
                .collect(Collectors.toMap(ZipArea::zip, Function.identity()));
        var engine = new AdequacyEngine(lines, types.stream().map(AdequacyStore.ProviderType::code).toList(), grids,
                zips, store.book(date), travel, THREADS);
        Fingerprint members = new Fingerprint();
        Snapshot snapshot;
        try (var run = engine.start()) {
            coverage.forEachActiveMember(date, PURPOSE, m -> {
                members.add(m.memberId(), m.zip(), m.latitude(), m.longitude(), m.productLine());
                run.add(m.productLine(), m.zip(), m.latitude(), m.longitude());
            });
            snapshot = run.finish();
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        var summary = new RunSummary(0, date, productLine, "full", started, Instant.now(), actor, travel.name(),
                parameters(lines, types), members.toString(), directoryPrint.toString(), snapshot.memberCount(),
                snapshot.unlocated(), elapsed);
        long id = store.saveRun(summary, snapshot.results());
        audit.recordAs(actor, AuditEntry.change(AuditAction.CREATE, "adequacy-run", String.valueOf(id), null, PURPOSE,
                "members " + snapshot.memberCount() + ", date " + date));
        log.info("adequacy run {}: {} members, {} ms", id, snapshot.memberCount(), elapsed);
        RunSummary stored = store.findRun(id).orElseThrow();
        current = new Current(stored, snapshot, networkLines);
        return stored;
    }

    private void loadGrids(String networkLine, List<AdequacyStore.ProviderType> types, GeoGrid[] grids,
            Fingerprint print) {
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
    public synchronized RunSummary locationChanged(String networkProductLine, List<String> taxonomyCodes,
            String locationId, Double latitude, Double longitude, String actor) {
        if (current == null) {
            RunSummary last = store.runs().stream().filter(r -> r.kind().equals("full")).findFirst()
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
            if (!networkProductLine.equals(current.networkLines().get(engine.productLines().get(p)))) {
                continue;
            }
            for (int t = 0; t < engine.providerTypes().size(); t++) {
                String type = engine.providerTypes().get(t);
                boolean applies = types.stream().filter(x -> x.code().equals(type))
                        .anyMatch(x -> x.taxonomyCodes().stream().anyMatch(taxonomyCodes::contains));
                if (applies) {
                    affected += current.snapshot().applyLocationChange(p, t, locationId, point);
                }
            }
        }
        long elapsed = (System.nanoTime() - t0) / 1_000_000;
        RunSummary base = current.run();
        var summary = new RunSummary(0, base.measuredOn(), base.productLine(), "incremental", started, Instant.now(),
                actor, base.travelModel(), base.parameters() + "; after location " + locationId
                        + (point == null ? " removed" : " at " + point.latitude() + "," + point.longitude())
                        + " (" + affected + " members recomputed)",
                base.membershipFingerprint(), base.directoryFingerprint() + "+" + locationId, base.members(),
                base.membersUnlocated(), elapsed);
        long id = store.saveRun(summary, current.snapshot().results());
        audit.recordAs(actor, AuditEntry.change(AuditAction.CREATE, "adequacy-run", String.valueOf(id), null, PURPOSE,
                "incremental after location " + locationId));
        RunSummary stored = store.findRun(id).orElseThrow();
        current = new Current(stored, current.snapshot(), current.networkLines());
        return stored;
    }

    /** The last run's snapshot, if one is kept in memory. */
    public synchronized Optional<Snapshot> snapshot() {
        return Optional.ofNullable(current).map(Current::snapshot);
    }

    /** The nearest in-network locations of a type to a point, from the last run's directory (for the gap list). */
    public synchronized List<NearbyLocation> nearestLocations(String productLine, String providerType, GeoPoint from,
            int count) {
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
                .map(i -> new NearbyLocation(grid.id(i), from.milesTo(grid.point(i)), grid.point(i))).toList();
    }

    public record NearbyLocation(String locationId, double miles, GeoPoint point) {
    }

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
