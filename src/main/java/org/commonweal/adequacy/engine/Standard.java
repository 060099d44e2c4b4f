package org.commonweal.adequacy.engine;

/** A time-or-distance standard: met when the nearest provider is within the miles or within the minutes. */
public record Standard(double miles, int minutes) {

    public Standard {
        if (!(miles > 0) || minutes <= 0) {
            throw new IllegalArgumentException("a standard needs positive miles and minutes");
        }
    }

    /** Bit flags of an evaluation. */
    public static final int BY_MILES = 1;

    public static final int BY_MINUTES = 2;
    public static final int BY_ALTERNATIVE = 4;

    /**
     * Evaluates a distance and travel time against this standard and, where one applies, the approved alternative
     * standard (null when none). Returns {@link #BY_MILES} | {@link #BY_MINUTES} as met; {@link #BY_ALTERNATIVE} only
     * when the standard itself is not met but the alternative is. Zero means not met.
     */
    public int evaluate(double distanceMiles, double travelMinutes, Standard alternative) {
        int flags = 0;
        if (distanceMiles <= miles) {
            flags |= BY_MILES;
        }
        if (travelMinutes <= minutes) {
            flags |= BY_MINUTES;
        }
        if (flags == 0
                && alternative != null
                && (distanceMiles <= alternative.miles || travelMinutes <= alternative.minutes)) {
            flags = BY_ALTERNATIVE;
        }
        return flags;
    }

    public static boolean met(int flags) {
        return flags != 0;
    }
}
