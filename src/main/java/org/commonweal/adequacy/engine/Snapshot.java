package org.commonweal.adequacy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.geography.GeoPoint;

/**
 * The outcome of a run kept in memory: every member's nearest location per provider type (about 170 bytes a member
 * with 11 types) and the aggregates per product line, provider type and ZIP. When one location is added, moved or
 * removed, only the members it can affect are recomputed and the aggregates of that product line and type are rebuilt.
 * A run over its memory budget ({@link AdequacyEngine#start(long)}) keeps the aggregates only: {@link #keepsMembers()}
 * is false and it cannot be patched (a change needs a new run).
 */
public final class Snapshot {

    private final AdequacyEngine engine;
    private final List<MemberBatch> batches;
    private ZipRule[] rules;
    private final long[] unlocated;
    private final Map<Long, Integer> unlocatedKeys;
    private final long outOfScope;
    /** Members measured, for a snapshot without members' records; -1 when it keeps them (counted from them). */
    private final long measured;

    private final int lines;
    private final int types;
    private int zips;
    private Aggregates cells;

    Snapshot(
            AdequacyEngine engine,
            List<MemberBatch> batches,
            ZipRule[] rules,
            long[] unlocated,
            Map<Long, Integer> unlocatedKeys,
            long outOfScope) {
        this.engine = engine;
        this.batches = batches;
        this.rules = rules;
        this.unlocated = unlocated;
        this.unlocatedKeys = new HashMap<>(unlocatedKeys);
        this.outOfScope = outOfScope;
        this.measured = -1;
        this.lines = engine.productLines().size();
        this.types = engine.providerTypes().size();
        allocate(rules.length);
    }

    /** A snapshot with the aggregates of a run and no member records. */
    Snapshot(AdequacyEngine engine, Aggregates sums, ZipRule[] rules, long[] unlocated, long outOfScope) {
        this.engine = engine;
        this.batches = List.of();
        this.rules = rules;
        this.unlocated = unlocated;
        this.unlocatedKeys = Map.of();
        this.outOfScope = outOfScope;
        this.measured = sums.folded;
        this.lines = engine.productLines().size();
        this.types = engine.providerTypes().size();
        allocate(rules.length);
        for (int z = 0; z < zips; z++) {
            for (int pl = 0; pl < lines; pl++) {
                for (int t = 0; t < types; t++) {
                    int from = Aggregates.zipFirst(z, pl, t, lines, types);
                    if (from < sums.members.length) {
                        sums.copy(from, cells, cell(pl, t, z));
                    }
                }
            }
        }
    }

    /** Whether members' records are kept, so a location or member change can be applied without a new run. */
    public boolean keepsMembers() {
        return measured < 0;
    }

    private void requireMembers() {
        if (!keepsMembers()) {
            throw new IllegalStateException("this run kept no member records (over its memory budget): run again");
        }
    }

    private void allocate(int zipCount) {
        this.zips = zipCount;
        cells = new Aggregates(lines * types * zips);
    }

    public AdequacyEngine engine() {
        return engine;
    }

    /** Members measured (those who left the run since are not counted). */
    public synchronized long memberCount() {
        if (!keepsMembers()) {
            return measured;
        }
        long n = 0;
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (b.productLine[i] >= 0) {
                    n++;
                }
            }
        }
        return n;
    }

    public synchronized long unlocated() {
        return Arrays.stream(unlocated).sum();
    }

    public long outOfScope() {
        return outOfScope;
    }

    private int cell(int pl, int t, int zip) {
        return (pl * types + t) * zips + zip;
    }

    void aggregateAll() {
        for (int pl = 0; pl < lines; pl++) {
            for (int t = 0; t < types; t++) {
                aggregate(pl, t);
            }
        }
    }

    /** Rebuilds the aggregates of one product line and provider type from the member records. */
    void aggregate(int pl, int t) {
        int from = cell(pl, t, 0);
        cells.clear(from, from + zips);
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (b.productLine[i] == pl) {
                    cells.add(from + b.zip[i], b.flags(i, t), b.miles[i * types + t]);
                }
            }
        }
    }

    /** The aggregates per product line, provider type and ZIP (only cells with members). */
    public synchronized List<ZipResult> results() {
        List<ZipResult> out = new ArrayList<>();
        for (int pl = 0; pl < lines; pl++) {
            for (int t = 0; t < types; t++) {
                for (int z = 0; z < zips; z++) {
                    int c = cell(pl, t, z);
                    if (cells.members[c] > 0) {
                        ZipRule r = rules[z];
                        out.add(new ZipResult(
                                engine.productLines().get(pl),
                                engine.providerTypes().get(t),
                                r.zip(),
                                r.spa(),
                                r.rcacRegion(),
                                cells.members[c],
                                cells.met[c],
                                cells.byMiles[c],
                                cells.byMinutes[c],
                                cells.byAlternative[c],
                                cells.maxMiles[c],
                                cells.sumMiles[c]));
                    }
                }
            }
        }
        return out;
    }

    /** Visits up to {@code limit} members spread evenly over the snapshot: coordinates, product line index, and the nearest miles per type. */
    public synchronized void sample(int limit, MemberVisitor visitor) {
        requireMembers();
        long total = memberCount();
        long step = Math.max(1, total / Math.max(1, limit));
        long seen = 0;
        int visited = 0;
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size; i++, seen++) {
                if (seen % step != 0 || visited >= limit || b.productLine[i] < 0) {
                    continue;
                }
                visited++;
                double[] miles = Arrays.copyOfRange(b.miles, i * types, (i + 1) * types);
                int[] flags = new int[types];
                for (int t = 0; t < types; t++) {
                    flags[t] = b.flags(i, t);
                }
                visitor.visit(b.point(i), b.productLine[i], b.rules[b.zip[i]].zip(), miles, flags);
            }
        }
    }

    /** Visits every member's coordinates, product line index and ZIP, in run order. */
    public synchronized void forEachMember(MemberPlace visitor) {
        requireMembers();
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (b.productLine[i] < 0) {
                    continue;
                }
                visitor.visit(b.productLine[i], b.rules[b.zip[i]].zip(), b.lat[i], b.lon[i]);
            }
        }
    }

    public interface MemberPlace {
        void visit(int productLine, String zip, double latitude, double longitude);
    }

    public interface MemberVisitor {
        void visit(GeoPoint home, int productLine, String zip, double[] nearestMiles, int[] flags);
    }

    /**
     * Applies a change to one location of one product line and provider type: removes its points with this id (if
     * any), adds it at {@code newPoint} (if not null), patches affected members and rebuilds the aggregates.
     * Returns how many members were recomputed or moved to the new location.
     */
    public synchronized int applyLocationChange(int pl, int t, String locationId, GeoPoint newPoint) {
        requireMembers();
        GeoGrid grid = engine.grid(pl, t);
        List<Integer> removed = grid.indexesOf(locationId);
        removed.forEach(grid::remove);
        int added = newPoint == null ? -1 : grid.add(locationId, newPoint);
        grid.rebuild();
        int affected = 0;
        int[] found = new int[1];
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size; i++) {
                if (b.productLine[i] != pl) {
                    continue;
                }
                int slot = i * types + t;
                if (removed.contains(b.location[slot])) {
                    engine.recomputeType(b, i, pl, t, found);
                    affected++;
                } else if (added >= 0) {
                    double current = b.miles[slot];
                    GeoPoint home = null;
                    double latBound =
                            GeoGrid.EARTH_RADIUS_MILES * Math.toRadians(Math.abs(newPoint.latitude() - b.lat[i]));
                    if (latBound * (1 - 1e-9) > current) {
                        continue;
                    }
                    home = b.point(i);
                    double d = home.milesTo(newPoint);
                    if (d < current) {
                        b.miles[slot] = d;
                        b.location[slot] = added;
                        b.setFlags(i, t, engine.evaluate(b, i, pl, t, d));
                        affected++;
                    }
                }
            }
        }
        aggregate(pl, t);
        return affected;
    }

    /**
     * Where a member lives now, for {@link #applyResidenceChanges}: the member's key, product line (null when no
     * longer covered on the run's date), ZIP and coordinates (null: the ZIP centroid).
     */
    public record Residence(long key, String productLine, String zip, Double latitude, Double longitude) {}

    /** What {@link #applyResidenceChanges} did: members recomputed in place, added, removed, found unchanged. */
    public record ResidenceOutcome(int moved, int added, int removed, int unchanged) {
        public int changed() {
            return moved + added + removed;
        }
    }

    /**
     * Applies members' current residences: a member whose product line, ZIP or coordinates differ is measured again
     * for every provider type; one no longer covered (or out of the run's product lines) leaves the run; one not in
     * the run joins it; an unchanged one is left alone. The aggregates of the product lines touched are rebuilt.
     */
    public synchronized ResidenceOutcome applyResidenceChanges(Collection<Residence> changes) {
        requireMembers();
        Map<Long, Residence> pending = new HashMap<>();
        changes.forEach(r -> pending.put(r.key(), r));
        Set<Integer> dirty = new HashSet<>();
        int zipsBefore = zips;
        int moved = 0;
        int added = 0;
        int removed = 0;
        int unchanged = 0;
        for (MemberBatch b : batches) {
            for (int i = 0; i < b.size && !pending.isEmpty(); i++) {
                Residence r = pending.remove(b.key[i]);
                if (r == null) {
                    continue;
                }
                int oldLine = b.productLine[i];
                Place place = place(r);
                if (place == null) {
                    if (oldLine >= 0) {
                        b.productLine[i] = -1;
                        dirty.add(oldLine);
                        removed++;
                    } else {
                        unchanged++;
                    }
                    continue;
                }
                if (oldLine == place.line && b.zip[i] == place.zip && b.lat[i] == place.lat && b.lon[i] == place.lon) {
                    unchanged++;
                    continue;
                }
                if (oldLine >= 0) {
                    dirty.add(oldLine);
                    moved++;
                } else {
                    added++;
                }
                set(b, i, place);
                dirty.add(place.line);
            }
        }
        for (Residence r : pending.values()) {
            Place place = place(r);
            if (place == null) {
                continue;
            }
            MemberBatch b = batches.isEmpty() || batches.get(batches.size() - 1).full()
                    ? null
                    : batches.get(batches.size() - 1);
            if (b == null) {
                b = new MemberBatch(types);
                b.rules = rules;
                batches.add(b);
            }
            int i = b.size++;
            b.key[i] = r.key();
            set(b, i, place);
            dirty.add(place.line);
            added++;
        }
        if (zips != zipsBefore) {
            allocate(rules.length);
            aggregateAll();
        } else {
            for (int pl : dirty) {
                for (int t = 0; t < types; t++) {
                    aggregate(pl, t);
                }
            }
        }
        return new ResidenceOutcome(moved, added, removed, unchanged);
    }

    private record Place(int line, int zip, double lat, double lon) {}

    /** Where a member is measured from now, or null when not measured (out of the run, or unlocated: counted). */
    private Place place(Residence r) {
        Integer was = unlocatedKeys.remove(r.key());
        if (was != null) {
            unlocated[was]--;
        }
        Integer line = engine.lineIndex(r.productLine());
        if (line == null) {
            return null;
        }
        var area = engine.zipArea(r.zip());
        double lat;
        double lon;
        if (r.latitude() != null && r.longitude() != null) {
            lat = r.latitude();
            lon = r.longitude();
        } else if (area != null) {
            lat = area.centroid().latitude();
            lon = area.centroid().longitude();
        } else {
            unlocated[line]++;
            unlocatedKeys.put(r.key(), line);
            return null;
        }
        return new Place(line, zipIndex(r.zip() == null ? "" : r.zip(), area), lat, lon);
    }

    private int zipIndex(String zip, org.commonweal.geography.ZipArea area) {
        for (int z = 0; z < rules.length; z++) {
            if (rules[z].zip().equals(zip)) {
                return z;
            }
        }
        ZipRule[] grown = Arrays.copyOf(rules, rules.length + 1);
        grown[rules.length] = engine.rule(zip, area);
        rules = grown;
        for (MemberBatch b : batches) {
            b.rules = grown;
        }
        zips = -1; // layout changes: re-allocated and re-aggregated once all changes are applied
        return rules.length - 1;
    }

    private void set(MemberBatch b, int i, Place place) {
        b.productLine[i] = (byte) place.line;
        b.zip[i] = place.zip;
        b.lat[i] = place.lat;
        b.lon[i] = place.lon;
        engine.recomputeMember(b, i);
    }
}
