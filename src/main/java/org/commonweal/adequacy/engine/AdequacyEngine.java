package org.commonweal.adequacy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.commonweal.adequacy.TravelTimeModel;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;

/**
 * Computes, for every member and provider type, the nearest in-network location of the member's product line, its
 * distance and travel time, and whether the standard is met; members are streamed once and processed in batches on
 * worker threads. The result is a {@link Snapshot} that can be patched when one location changes.
 */
public final class AdequacyEngine {

    private final List<String> productLines;
    private final List<String> providerTypes;
    private final GeoGrid[][] grids;
    private final Map<String, ZipArea> zipAreas;
    private final StandardBook book;
    private final TravelTimeModel travel;
    private final int threads;

    /**
     * @param grids the service locations by product line index and provider type index (rebuilt, may be empty)
     */
    public AdequacyEngine(
            List<String> productLines,
            List<String> providerTypes,
            GeoGrid[][] grids,
            Map<String, ZipArea> zipAreas,
            StandardBook book,
            TravelTimeModel travel,
            int threads) {
        if (productLines.size() > 127 || providerTypes.size() > 21) {
            throw new IllegalArgumentException("at most 127 product lines and 21 provider types");
        }
        this.productLines = List.copyOf(productLines);
        this.providerTypes = List.copyOf(providerTypes);
        this.grids = grids;
        this.zipAreas = zipAreas;
        this.book = book;
        this.travel = travel;
        this.threads = threads;
    }

    public List<String> productLines() {
        return productLines;
    }

    public List<String> providerTypes() {
        return providerTypes;
    }

    public GeoGrid grid(int productLine, int providerType) {
        return grids[productLine][providerType];
    }

    public TravelTimeModel travel() {
        return travel;
    }

    /** Starts a run that keeps every member's record; feed it with {@link Run#add} from one thread, then {@link Run#finish()}. */
    public Run start() {
        return new Run(Long.MAX_VALUE);
    }

    /**
     * Starts a run that keeps members' records (for incremental updates) only while they take at most
     * {@code memberBudgetBytes}: past it, each computed batch is folded into the ZIP aggregates in run order and
     * dropped, so the run holds a few batches at a time whatever the membership, and its snapshot has results only
     * ({@link Snapshot#keepsMembers()} false). The results are the same either way, to the last bit.
     */
    public Run start(long memberBudgetBytes) {
        return new Run(memberBudgetBytes);
    }

    /** The heap the records of {@code members} members take in a run of this engine (whole batches). */
    public long recordBytes(long members) {
        return (members + MemberBatch.SIZE - 1) / MemberBatch.SIZE * MemberBatch.bytes(providerTypes.size());
    }

    /** A run in progress. */
    public final class Run implements AutoCloseable {

        private final ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "adequacy-worker");
            t.setDaemon(true);
            return t;
        });
        private final Semaphore inFlight = new Semaphore(threads * 3);
        private final List<MemberBatch> batches = new ArrayList<>();
        private final List<Future<?>> pending = new ArrayList<>();
        private final Map<String, Integer> zipIndex = new HashMap<>();
        private final Map<String, Integer> lineIndex = new HashMap<>();
        private volatile ZipRule[] rules = new ZipRule[0];
        private final long[] unlocated;
        private final Map<Long, Integer> unlocatedKeys = new HashMap<>();
        private long outOfScope;
        private MemberBatch current;
        private final long budget;
        /** Set once the kept records pass the budget: from then on batches are folded here and dropped. */
        private Aggregates streamed;

        private int peakBatches;

        private Run(long budget) {
            this.budget = budget;
            for (int i = 0; i < productLines.size(); i++) {
                lineIndex.put(productLines.get(i), i);
            }
            unlocated = new long[productLines.size()];
        }

        /** Adds a member without a key (it cannot be found again by {@link Snapshot#applyResidenceChanges}). */
        public void add(String productLine, String zip, Double latitude, Double longitude) {
            add(0L, productLine, zip, latitude, longitude);
        }

        /**
         * Adds a member; coordinates may be null (the ZIP centroid is used, else the member counts as unlocated).
         * {@code key} is {@link AdequacyEngine#memberKey} of the member id.
         */
        public void add(long key, String productLine, String zip, Double latitude, Double longitude) {
            Integer pl = lineIndex.get(productLine);
            if (pl == null) {
                outOfScope++;
                return;
            }
            ZipArea area = zip == null ? null : zipAreas.get(zip);
            double lat;
            double lon;
            if (latitude != null && longitude != null) {
                lat = latitude;
                lon = longitude;
            } else if (area != null) {
                lat = area.centroid().latitude();
                lon = area.centroid().longitude();
            } else {
                unlocated[pl]++;
                unlocatedKeys.put(key, pl);
                return;
            }
            if (current == null) {
                current = new MemberBatch(providerTypes.size());
            }
            int i = current.size++;
            current.key[i] = key;
            current.lat[i] = lat;
            current.lon[i] = lon;
            current.productLine[i] = (byte) (int) pl;
            current.zip[i] = zipIndex(zip == null ? "" : zip, area);
            if (current.full()) {
                submit();
            }
        }

        private int zipIndex(String zip, ZipArea area) {
            Integer index = zipIndex.get(zip);
            if (index == null) {
                index = rules.length;
                zipIndex.put(zip, index);
                ZipRule[] grown = Arrays.copyOf(rules, index + 1);
                grown[index] = rule(zip, area);
                rules = grown;
            }
            return index;
        }

        private void submit() {
            MemberBatch batch = current;
            current = null;
            batch.rules = rules;
            batches.add(batch);
            inFlight.acquireUninterruptibly();
            pending.add(workers.submit(() -> {
                try {
                    compute(batch, 0, batch.size);
                } finally {
                    inFlight.release();
                }
            }));
            peakBatches = Math.max(peakBatches, batches.size());
            if (streamed == null && (long) batches.size() * MemberBatch.bytes(providerTypes.size()) > budget) {
                streamed = new Aggregates(0);
            }
            if (streamed != null) {
                // fold the computed batches at the head, in run order; wait for the head when too many are held
                fold(4 * threads);
            }
        }

        /**
         * Folds computed batches from the head of the run into {@link #streamed}, in run order (so every sum adds
         * up in the same order as {@link Snapshot#aggregateAll}): those already computed, and more, waiting for
         * them, until at most {@code hold} batches are held.
         */
        private void fold(int hold) {
            while (!pending.isEmpty()
                    && (pending.size() > hold || pending.get(0).isDone())) {
                try {
                    pending.remove(0).get();
                } catch (Exception e) {
                    throw new IllegalStateException("adequacy computation failed", e);
                }
                streamed.fold(batches.remove(0), productLines.size(), providerTypes.size());
            }
        }

        /** The most member batches (8,192 members each) the run held at once so far. */
        public int peakBatches() {
            return peakBatches;
        }

        public Snapshot finish() {
            if (current != null && current.size > 0) {
                submit();
            }
            if (streamed != null) {
                try {
                    fold(0);
                } finally {
                    workers.shutdown();
                }
                return new Snapshot(AdequacyEngine.this, streamed, rules, unlocated, outOfScope);
            }
            try {
                for (Future<?> f : pending) {
                    f.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("adequacy computation failed", e);
            } finally {
                workers.shutdown();
            }
            ZipRule[] finalRules = rules;
            for (MemberBatch b : batches) {
                b.rules = finalRules;
            }
            Snapshot snapshot =
                    new Snapshot(AdequacyEngine.this, batches, finalRules, unlocated, unlocatedKeys, outOfScope);
            snapshot.aggregateAll();
            return snapshot;
        }

        @Override
        public void close() {
            workers.shutdownNow();
        }
    }

    /**
     * The key a member is kept under in a snapshot: a 64-bit hash of the member id (FNV-1a with a final mix), so
     * the snapshot never holds the id itself. Two of 2.9 million ids share a key with odds of about 1 in 4 million.
     */
    public static long memberKey(String memberId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < memberId.length(); i++) {
            h ^= memberId.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    Integer lineIndex(String productLine) {
        int i = productLine == null ? -1 : productLines.indexOf(productLine);
        return i < 0 ? null : i;
    }

    ZipArea zipArea(String zip) {
        return zip == null ? null : zipAreas.get(zip);
    }

    ZipRule rule(String zip, ZipArea area) {
        int lines = productLines.size();
        int types = providerTypes.size();
        Standard[][] standards = new Standard[lines][types];
        Standard[][] alternatives = new Standard[lines][types];
        for (int p = 0; p < lines; p++) {
            for (int t = 0; t < types; t++) {
                standards[p][t] = book.standard(productLines.get(p), area, providerTypes.get(t));
                alternatives[p][t] = book.alternative(productLines.get(p), zip, providerTypes.get(t));
            }
        }
        return new ZipRule(
                zip,
                area,
                area == null ? 0 : area.spa(),
                area == null ? 0 : area.rcacRegion(),
                standards,
                alternatives);
    }

    void compute(MemberBatch batch, int from, int to) {
        int[] found = new int[1];
        int types = providerTypes.size();
        for (int i = from; i < to; i++) {
            computeMember(batch, i, found, types);
        }
    }

    private void computeMember(MemberBatch batch, int i, int[] found, int types) {
        GeoPoint home = batch.point(i);
        int pl = batch.productLine[i];
        for (int t = 0; t < types; t++) {
            double miles = grids[pl][t].nearest(home, found);
            batch.miles[i * types + t] = miles;
            batch.location[i * types + t] = found[0];
            batch.setFlags(i, t, evaluate(batch, i, pl, t, miles));
        }
    }

    int evaluate(MemberBatch batch, int i, int pl, int t, double miles) {
        if (Double.isInfinite(miles)) {
            return 0;
        }
        ZipRule rule = batch.rules[batch.zip[i]];
        Standard standard = rule.standards()[pl][t];
        if (standard == null) {
            return 0;
        }
        return standard.evaluate(miles, travel.minutes(miles, rule.area()), rule.alternatives()[pl][t]);
    }

    /** For the brute-force check: nearest distance from a point by scanning every location. */
    public double bruteForceMiles(int productLine, int providerType, GeoPoint home) {
        return grids[productLine][providerType].nearestBruteForce(home);
    }

    void recomputeMember(MemberBatch batch, int i) {
        computeMember(batch, i, new int[1], providerTypes.size());
    }

    void recomputeType(MemberBatch batch, int i, int pl, int t, int[] found) {
        int types = providerTypes.size();
        double miles = grids[pl][t].nearest(batch.point(i), found);
        batch.miles[i * types + t] = miles;
        batch.location[i * types + t] = found[0];
        batch.setFlags(i, t, evaluate(batch, i, pl, t, miles));
    }
}
