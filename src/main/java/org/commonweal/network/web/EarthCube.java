package org.commonweal.network.web;

import org.commonweal.geography.GeoPoint;

/**
 * A search origin in PostgreSQL earthdistance's coordinates (a point of the {@code cube} type on a sphere of
 * {@code earth()} metres), computed here as {@code ll_to_earth}, {@code earth_box} and {@code gc_to_sec} do, so the
 * nearest-first SQL takes plain cube literals. Written with those functions the query spent more time planning
 * (they are inlined at every planning) and evaluating them than the index scan took (measured with
 * {@code EXPLAIN ANALYZE} at full scale: 2–6 ms against 1.4 ms).
 */
record EarthCube(double x, double y, double z) {

    /** {@code earth()}: the sphere's radius in metres. */
    static final double EARTH = 6378168;

    static EarthCube of(GeoPoint point) {
        double lat = Math.toRadians(point.latitude());
        double lon = Math.toRadians(point.longitude());
        return new EarthCube(
                EARTH * Math.cos(lat) * Math.cos(lon), EARTH * Math.cos(lat) * Math.sin(lon), EARTH * Math.sin(lat));
    }

    /** The point as a {@code cube} literal. */
    String point() {
        return "(" + x + ", " + y + ", " + z + ")";
    }

    /** {@code earth_box(point, metres)}: the cube around the circle, for the GiST index condition. */
    String box(double metres) {
        double r = chord(metres);
        return "(" + (x - r) + ", " + (y - r) + ", " + (z - r) + "),(" + (x + r) + ", " + (y + r) + ", " + (z + r)
                + ")";
    }

    /** {@code gc_to_sec}: the straight-line (cube) distance of a great-circle distance in metres. */
    static double chord(double metres) {
        if (metres < 0) {
            return 0;
        }
        return metres / EARTH > Math.PI ? 2 * EARTH : 2 * EARTH * Math.sin(metres / (2 * EARTH));
    }

    /** {@code sec_to_gc} in SQL, in miles: the great-circle distance of a cube distance expression. */
    static String milesSql(String cubeDistance) {
        return "2 * " + EARTH + " * asin(least(1, " + cubeDistance + " / (2 * " + EARTH + "))) / "
                + GeoPoint.METRES_PER_MILE;
    }
}
