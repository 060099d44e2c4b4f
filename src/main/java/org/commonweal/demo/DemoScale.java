package org.commonweal.demo;

import java.util.Locale;

/** How much demo data to make: {@code SMALL} starts in seconds; {@code FULL} is the size of the real plan. */
public enum DemoScale {
    SMALL,
    FULL;

    public static DemoScale parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scale must be small or full, not '" + value + "'");
        }
    }

    /** {@code small} at small scale, {@code full} at full scale. */
    public long pick(long small, long full) {
        return this == SMALL ? small : full;
    }
}
