package org.commonweal.housing.outcomes;

/**
 * The CMS cell-size rule: counts from 1 to 10 are not shown to people outside the care team, nor any rate whose
 * numerator or denominator is such a count (it could be worked back).
 */
final class Suppression {

    static final String MASK = "1–10";

    private Suppression() {
    }

    static boolean small(long count) {
        return count >= 1 && count <= 10;
    }

    static String count(long count, boolean suppress) {
        return suppress && small(count) ? MASK : Long.toString(count);
    }

    /** A percentage with one decimal, or the mask, or an empty string when there is no denominator. */
    static String rate(long numerator, long denominator, boolean suppress) {
        if (denominator == 0) {
            return "";
        }
        if (suppress && (small(numerator) || small(denominator))) {
            return MASK;
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * numerator / denominator);
    }
}
