package org.commonweal.engagement.reporting;

import java.util.Arrays;
import org.commonweal.platform.CellSuppression;

/**
 * The plan's small-cell rule ({@link CellSuppression}) for the engagement tables whose cells add up to nothing else
 * published: a count from 1 to 10 is masked for anyone who must not see exact small counts (analysts); a row that has
 * a masked cell also masks its total and its rates, so the hidden count cannot be worked back from them. Zero is
 * shown. Tables with margins or totals shared with other tables (the annual membership report) go through a
 * {@link org.commonweal.platform.Publication} instead.
 */
public record SmallCells(boolean suppress) {

    public static final String SHOWN = CellSuppression.MASK;
    public static final SmallCells EXACT = new SmallCells(false);
    public static final SmallCells SUPPRESSED = new SmallCells(true);

    /** Whether this count must be hidden under the rule. */
    public static boolean small(long count) {
        return CellSuppression.small(count);
    }

    /** The count as it may be shown. */
    public String show(long count) {
        return suppress && small(count) ? SHOWN : String.valueOf(count);
    }

    /** Whether a row with these counts hides its derived values (totals, rates). */
    public boolean hidesDerived(long... counts) {
        return suppress && Arrays.stream(counts).anyMatch(SmallCells::small);
    }

    /**
     * A total or rate of a row: shown unless the row has a suppressed count (then
     * the mask instead, so a hidden count cannot be worked back).
     */
    public String derived(String value, long... rowCounts) {
        return hidesDerived(rowCounts) ? SHOWN : value;
    }
}
