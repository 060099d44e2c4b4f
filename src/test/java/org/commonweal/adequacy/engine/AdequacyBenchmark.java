package org.commonweal.adequacy.engine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.commonweal.geography.GeoPoint;
import org.commonweal.geography.ZipArea;

/**
 * Full-scale benchmark of the adequacy engine on synthetic data of the plan's size, through the same code path as the
 * service (grids, streamed members, two workers, aggregation, incremental patches). Not a test; run by
 * bench/adequacy/run.sh. Arguments: members (default 2,900,000), brute-force sample (default 2,000).
 */
public final class AdequacyBenchmark {

    static final List<String> LINES = List.of("MCLA", "LACC", "MCP", "PASC");
    static final double[] LINE_SHARE = {0.88, 0.07, 0.03, 0.02};
    static final double[] NETWORK_SHARE = {1.0, 0.7, 0.8, 0.6};
    static final List<String> TYPES = List.of(
            "pcp-adult",
            "pcp-pediatric",
            "obgyn",
            "cardiology",
            "dermatology",
            "gastroenterology",
            "ophthalmology",
            "orthopedics",
            "mental-health",
            "hospital",
            "pharmacy");
    /** Distinct locations per type in the Medi-Cal network, shaped on the full-scale directory (15,000 locations). */
    static final int[] LOCATIONS = {6000, 2500, 900, 600, 400, 450, 500, 550, 3000, 100, 1500};

    static final double[][] STANDARD = {
        {10, 30}, {10, 30}, {10, 30}, {15, 30}, {15, 30}, {15, 30}, {15, 30}, {15, 30}, {15, 30}, {15, 30}, {10, 30}
    };

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 2_900_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        List<ZipArea> zips = zips();
        long totalWeight = zips.stream().mapToLong(ZipArea::populationWeight).sum();
        Random random = new Random(42);
        GeoGrid[][] grids = new GeoGrid[LINES.size()][TYPES.size()];
        long locations = 0;
        for (int t = 0; t < TYPES.size(); t++) {
            List<GeoPoint> medical = new ArrayList<>();
            for (int i = 0; i < LOCATIONS[t]; i++) {
                medical.add(near(pick(zips, totalWeight, random).centroid(), 0.02, random));
            }
            for (int p = 0; p < LINES.size(); p++) {
                grids[p][t] = new GeoGrid();
                for (int i = 0; i < medical.size(); i++) {
                    if (p == 0 || random.nextDouble() < NETWORK_SHARE[p]) {
                        grids[p][t].add("L" + t + "-" + i, medical.get(i));
                        locations++;
                    }
                }
                grids[p][t].rebuild();
            }
        }
        Map<String, Standard> standards = new HashMap<>();
        for (String line : LINES) {
            for (int t = 0; t < TYPES.size(); t++) {
                standards.put(StandardBook.key(line, "dense", TYPES.get(t)), new Standard(STANDARD[t][0], (int)
                        STANDARD[t][1]));
            }
        }
        Map<String, ZipArea> byZip = new HashMap<>();
        zips.forEach(z -> byZip.put(z.zip(), z));
        var book = new StandardBook(standards, Map.of(), Map.of("06037", "dense"), "dense");
        var travel = new RoadFactorTravelTimeModel(zips);
        var engine = new AdequacyEngine(LINES, TYPES, grids, byZip, book, travel, 2);
        // the members, pre-generated so the timing is the engine's (the database stream is measured separately)
        String[] memberZip = new String[members];
        double[] lat = new double[members];
        double[] lon = new double[members];
        byte[] line = new byte[members];
        for (int m = 0; m < members; m++) {
            ZipArea z = pick(zips, totalWeight, random);
            GeoPoint home = near(z.centroid(), 0.015, random);
            memberZip[m] = z.zip();
            lat[m] = home.latitude();
            lon[m] = home.longitude();
            double r = random.nextDouble();
            int p = 0;
            while (p < LINES.size() - 1 && r > LINE_SHARE[p]) {
                r -= LINE_SHARE[p];
                p++;
            }
            line[m] = (byte) p;
        }
        System.out.printf(
                "data: %,d members, %d product lines x %d provider types, %,d (line, type, location) points%n",
                members, LINES.size(), TYPES.size(), locations);
        System.gc();
        long heapBefore = usedHeap();
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Snapshot snapshot;
        try (var run = engine.start()) {
            for (int m = 0; m < members; m++) {
                run.add(LINES.get(line[m]), memberZip[m], lat[m], lon[m]);
            }
            snapshot = run.finish();
        }
        double fullSeconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpu0) / 1e9;
        var results = snapshot.results();
        System.gc();
        long snapshotBytes = usedHeap() - heapBefore;
        System.out.printf(
                "full run CPU: %.1f s on %d worker threads (load average %.1f on %d cores)%n",
                cpuSeconds, 2, os.getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "full run: %.1f s wall (%,d members x %d types = %,d nearest-location queries), %,d ZIP result rows%n",
                fullSeconds,
                snapshot.memberCount(),
                TYPES.size(),
                snapshot.memberCount() * TYPES.size(),
                results.size());
        System.out.printf(
                "snapshot in heap: %,d MB (%.0f bytes per member); max heap %,d MB%n",
                snapshotBytes >> 20,
                (double) snapshotBytes / members,
                Runtime.getRuntime().maxMemory() >> 20);
        long met = results.stream()
                .filter(r -> r.providerType().equals("pcp-adult"))
                .mapToLong(ZipResult::met)
                .sum();
        System.out.printf("pcp-adult met: %.2f %%%n", 100.0 * met / snapshot.memberCount());

        int[] checked = {0};
        int[] mismatches = {0};
        long b0 = System.nanoTime();
        snapshot.sample(sample, (home, pl, zip, miles, flags) -> {
            for (int t = 0; t < TYPES.size(); t++) {
                double brute = engine.bruteForceMiles(pl, t, home);
                Standard s = book.standard(LINES.get(pl), byZip.get(zip), TYPES.get(t));
                int expected = s.evaluate(brute, travel.minutes(brute, byZip.get(zip)), null);
                if (Math.abs(brute - miles[t]) > 1e-9 || expected != flags[t]) {
                    mismatches[0]++;
                }
                checked[0]++;
            }
        });
        System.out.printf(
                "brute-force check: %,d member-type pairs, %d mismatches (%.1f s)%n",
                checked[0], mismatches[0], (System.nanoTime() - b0) / 1e9);

        timeIncremental(snapshot, "add a pharmacy", 0, 10, "NEW-PHARMACY", new GeoPoint(34.05, -118.25));
        timeIncremental(snapshot, "move a PCP office", 0, 0, "L0-17", new GeoPoint(33.95, -118.30));
        timeIncremental(snapshot, "remove a hospital", 0, 9, "L9-3", null);
        timeIncremental(snapshot, "add a hospital", 0, 9, "NEW-HOSPITAL", new GeoPoint(34.6, -118.1));
        if (mismatches[0] > 0) {
            System.exit(1);
        }
    }

    private static void timeIncremental(Snapshot snapshot, String what, int pl, int t, String id, GeoPoint p) {
        long t0 = System.nanoTime();
        int affected = snapshot.applyLocationChange(pl, t, id, p);
        snapshot.results();
        System.out.printf(
                "incremental, %s: %.2f s (%,d members recomputed, aggregates rebuilt)%n",
                what, (System.nanoTime() - t0) / 1e9, affected);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static GeoPoint near(GeoPoint c, double sd, Random random) {
        return new GeoPoint(c.latitude() + random.nextGaussian() * sd, c.longitude() + random.nextGaussian() * sd);
    }

    private static ZipArea pick(List<ZipArea> zips, long total, Random random) {
        long x = (long) (random.nextDouble() * total);
        for (ZipArea z : zips) {
            x -= z.populationWeight();
            if (x < 0) {
                return z;
            }
        }
        return zips.getLast();
    }

    static List<ZipArea> zips() throws Exception {
        List<ZipArea> zips = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                AdequacyBenchmark.class.getClassLoader().getResourceAsStream("geography/la-county-zips.csv"),
                StandardCharsets.UTF_8))) {
            in.readLine();
            String l;
            while ((l = in.readLine()) != null) {
                String[] f = l.split(",");
                zips.add(new ZipArea(
                        f[0],
                        new GeoPoint(Double.parseDouble(f[1]), Double.parseDouble(f[2])),
                        f[3],
                        f[4],
                        Integer.parseInt(f[5]),
                        Integer.parseInt(f[6]),
                        Integer.parseInt(f[7])));
            }
        }
        return zips;
    }
}
