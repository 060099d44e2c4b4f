package org.commonweal.centers.report;

/**
 * The CMS cell-size rule for reports that leave the care team: a count between 1 and 10 is not shown, and neither is
 * a rate computed from such a count.
 */
public record Suppression(boolean active) {

    public static final String MARK = "*";

    public boolean hides(long count) {
        return active && count >= 1 && count <= 10;
    }

    public String count(long count) {
        return hides(count) ? MARK : String.valueOf(count);
    }

    /** A rate numerator/denominator as a percentage, hidden when either count is hidden. */
    public String percent(long numerator, long denominator) {
        if (denominator == 0) {
            return "";
        }
        if (hides(numerator) || hides(denominator)) {
            return MARK;
        }
        return String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * numerator / denominator);
    }

    /** For charts: the count, or null when it is hidden (the bar is left out). */
    public Long chartValue(long count) {
        return hides(count) ? null : count;
    }
}
