package org.commonweal.adequacy.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonweal.geography.GeoPoint;

/**
 * The service locations of one provider type in one network, bucketed in a latitude/longitude grid, answering
 * "nearest location" exactly as a brute-force scan with {@link GeoPoint#milesTo} would: rings of cells are searched
 * outwards until a conservative lower bound on the distance to anything outside the searched square exceeds the best
 * distance found. Point indexes are stable: removed points keep their slot, so results may refer to them by index.
 */
public final class GeoGrid {

    static final double EARTH_RADIUS_MILES = 3958.7613;
    /** Relative slack on lower bounds: far above floating-point error, far below anything that matters. */
    private static final double SLACK = 1e-9;

    private final List<GeoPoint> points = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Boolean> removed = new ArrayList<>();
    private double minLat;
    private double minLon;
    private double cell;
    private int rows;
    private int cols;
    private int[] cellStart = new int[1];
    private int[] members = new int[0];
    private double cosMin = 1;
    private int live;

    public GeoGrid() {}

    /** Adds a location and returns its index. Call {@link #rebuild()} before searching. */
    public int add(String id, GeoPoint point) {
        points.add(point);
        ids.add(id);
        removed.add(false);
        live++;
        return points.size() - 1;
    }

    public void remove(int index) {
        if (!removed.get(index)) {
            removed.set(index, true);
            live--;
        }
    }

    /** Indexes of the live points with this id. */
    public List<Integer> indexesOf(String id) {
        List<Integer> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!removed.get(i) && ids.get(i).equals(id)) {
                found.add(i);
            }
        }
        return found;
    }

    public int size() {
        return live;
    }

    public String id(int index) {
        return ids.get(index);
    }

    public GeoPoint point(int index) {
        return points.get(index);
    }

    /** Re-buckets the live points; the cell size adapts to their density (about one per cell on average). */
    public GeoGrid rebuild() {
        double maxLat = -90;
        double maxLon = -180;
        minLat = 90;
        minLon = 180;
        for (int i = 0; i < points.size(); i++) {
            if (removed.get(i)) {
                continue;
            }
            GeoPoint p = points.get(i);
            minLat = Math.min(minLat, p.latitude());
            maxLat = Math.max(maxLat, p.latitude());
            minLon = Math.min(minLon, p.longitude());
            maxLon = Math.max(maxLon, p.longitude());
        }
        if (live == 0) {
            rows = cols = 0;
            return this;
        }
        double area = Math.max(1e-6, (maxLat - minLat) * (maxLon - minLon));
        cell = Math.clamp(Math.sqrt(area / live), 0.004, 0.5);
        rows = (int) ((maxLat - minLat) / cell) + 1;
        cols = (int) ((maxLon - minLon) / cell) + 1;
        cosMin = Math.min(Math.cos(Math.toRadians(minLat)), Math.cos(Math.toRadians(maxLat)));
        int[] counts = new int[rows * cols + 1];
        for (int i = 0; i < points.size(); i++) {
            if (!removed.get(i)) {
                counts[cellOf(points.get(i)) + 1]++;
            }
        }
        for (int c = 1; c < counts.length; c++) {
            counts[c] += counts[c - 1];
        }
        cellStart = Arrays.copyOf(counts, counts.length);
        members = new int[live];
        for (int i = 0; i < points.size(); i++) {
            if (!removed.get(i)) {
                members[counts[cellOf(points.get(i))]++] = i;
            }
        }
        return this;
    }

    private int cellOf(GeoPoint p) {
        int r = Math.min(rows - 1, (int) ((p.latitude() - minLat) / cell));
        int c = Math.min(cols - 1, (int) ((p.longitude() - minLon) / cell));
        return r * cols + c;
    }

    /**
     * The nearest live point to {@code from}: writes its index into {@code result[0]} (−1 when there is none) and
     * returns the distance in miles ({@link Double#POSITIVE_INFINITY} when there is none).
     */
    public double nearest(GeoPoint from, int[] result) {
        result[0] = -1;
        if (live == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        int r0 = (int) Math.floor((from.latitude() - minLat) / cell);
        int c0 = (int) Math.floor((from.longitude() - minLon) / cell);
        double cosFrom = Math.cos(Math.toRadians(from.latitude()));
        int maxRing = Math.max(
                Math.max(Math.abs(r0), Math.abs(rows - 1 - r0)), Math.max(Math.abs(c0), Math.abs(cols - 1 - c0)));
        for (int k = 0; k <= maxRing; k++) {
            for (int r = r0 - k; r <= r0 + k; r++) {
                if (r < 0 || r >= rows) {
                    continue;
                }
                boolean edgeRow = r == r0 - k || r == r0 + k;
                int step = edgeRow ? 1 : 2 * k;
                for (int c = c0 - k; c <= c0 + k; c += Math.max(1, step)) {
                    if (c < 0 || c >= cols) {
                        continue;
                    }
                    int cellIndex = r * cols + c;
                    if (cellStart[cellIndex] == cellStart[cellIndex + 1]
                            || (k > 0 && cellLowerBound(from, cosFrom, r, c) > best)) {
                        continue;
                    }
                    for (int m = cellStart[cellIndex]; m < cellStart[cellIndex + 1]; m++) {
                        int index = members[m];
                        GeoPoint p = points.get(index);
                        // meridian distance is a lower bound of the great-circle distance
                        double latBound = EARTH_RADIUS_MILES * Math.toRadians(Math.abs(p.latitude() - from.latitude()));
                        if (latBound * (1 - SLACK) > best) {
                            continue;
                        }
                        double d = from.milesTo(p);
                        if (d < best) {
                            best = d;
                            result[0] = index;
                        }
                    }
                }
            }
            if (best <= ringLowerBound(from, cosFrom, r0, c0, k)) {
                break;
            }
        }
        return best;
    }

    /**
     * A lower bound on the distance from {@code from} to any point of cell (r, c): with |dLat| and |dLon| at least the
     * gaps to the cell's edges, hav(d) = hav(dLat) + cos(lat1) cos(lat2) hav(dLon) >= hav(gapLat) + cos(lat1) cosMin
     * hav(gapLon).
     */
    private double cellLowerBound(GeoPoint from, double cosFrom, int r, int c) {
        double latLo = minLat + r * cell;
        double lonLo = minLon + c * cell;
        double gapLat = Math.max(0, Math.max(latLo - from.latitude(), from.latitude() - (latLo + cell)));
        double gapLon = Math.max(0, Math.max(lonLo - from.longitude(), from.longitude() - (lonLo + cell)));
        double sLat = Math.sin(Math.toRadians(gapLat) / 2);
        double sLon = Math.sin(Math.toRadians(Math.min(gapLon, 180)) / 2);
        double h = sLat * sLat + cosFrom * cosMin * sLon * sLon;
        return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h))) * (1 - SLACK);
    }

    /** A lower bound on the distance from {@code from} to any point outside the square of rings 0..k. */
    private double ringLowerBound(GeoPoint from, double cosFrom, int r0, int c0, int k) {
        double latLo = minLat + (r0 - k) * cell;
        double latHi = minLat + (r0 + k + 1) * cell;
        double lonLo = minLon + (c0 - k) * cell;
        double lonHi = minLon + (c0 + k + 1) * cell;
        double dLat = Math.min(from.latitude() - latLo, latHi - from.latitude());
        double dLon = Math.min(from.longitude() - lonLo, lonHi - from.longitude());
        if (dLat <= 0 || dLon <= 0) {
            return 0;
        }
        double latBound = EARTH_RADIUS_MILES * Math.toRadians(dLat);
        // haversine: hav(d) >= cos(lat1) cos(lat2) hav(dLon), and cos(lat2) >= cosMin for every point of the grid
        double s = Math.sin(Math.toRadians(Math.min(dLon, 180)) / 2);
        double lonBound = 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(cosFrom * cosMin * s * s)));
        return Math.min(latBound, lonBound) * (1 - SLACK);
    }

    /** The {@code count} nearest live points, nearest first (for the gap list; one scan, distances computed once). */
    public List<Integer> nearestIndexes(GeoPoint from, int count) {
        int n = points.size();
        double[] miles = new double[n];
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!removed.get(i)) {
                miles[i] = from.milesTo(points.get(i));
                all.add(i);
            }
        }
        all.sort((a, b) -> Double.compare(miles[a], miles[b]));
        return List.copyOf(all.subList(0, Math.min(count, all.size())));
    }

    /** Brute force: the reference the grid must agree with. */
    public double nearestBruteForce(GeoPoint from) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            if (!removed.get(i)) {
                best = Math.min(best, from.milesTo(points.get(i)));
            }
        }
        return best;
    }
}
