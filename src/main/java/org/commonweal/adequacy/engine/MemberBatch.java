package org.commonweal.adequacy.engine;

import org.commonweal.geography.GeoPoint;

/**
 * A block of members and their nearest locations: the compact snapshot of a run is a list of these. Per member:
 * a key (hash of the member id), coordinates, product line ({@code -1} once the member left the run), ZIP, and for each provider type the nearest distance, the location index and the
 * evaluation flags (3 bits per type).
 */
final class MemberBatch {

    static final int SIZE = 8192;

    final int types;
    /** A 64-bit hash of the member id ({@link AdequacyEngine#memberKey}), to find a member whose address changed. */
    final long[] key = new long[SIZE];

    final double[] lat = new double[SIZE];
    final double[] lon = new double[SIZE];
    final byte[] productLine = new byte[SIZE];
    final int[] zip = new int[SIZE];
    final long[] flags = new long[SIZE];
    final double[] miles;
    final int[] location;
    ZipRule[] rules;
    int size;

    MemberBatch(int types) {
        this.types = types;
        this.miles = new double[SIZE * types];
        this.location = new int[SIZE * types];
    }

    /**
     * The heap a batch takes with {@code types} provider types: per member key, coordinates, product line, ZIP and
     * flags (37 bytes) and per type a distance and a location index (12 bytes), plus array headers.
     */
    static long bytes(int types) {
        return (long) SIZE * (37 + 12L * types) + 8 * 16 + 64;
    }

    boolean full() {
        return size == SIZE;
    }

    GeoPoint point(int i) {
        return new GeoPoint(lat[i], lon[i]);
    }

    int flags(int i, int type) {
        return (int) (flags[i] >>> (3 * type)) & 7;
    }

    void setFlags(int i, int type, int value) {
        flags[i] = flags[i] & ~(7L << (3 * type)) | ((long) value << (3 * type));
    }
}
