package org.commonweal.engagement.reporting;

import java.util.Arrays;

/**
 * The small-cell rule of every engagement report: a count from 1 to 10 is shown as {@code <11} (CMS cell-size
 * rule) to anyone who must not see exact small counts — analysts always, and everyone in the published annual
 * membership report. A row that has a suppressed cell also hides its total and its rates, so the hidden count cannot
 * be worked back from them. Zero is shown (it reveals no one).
 */
public record SmallCells(boolean suppress) {

    public static final String SHOWN = "<11";
    public static final SmallCells EXACT = new SmallCells(false);
    public static final SmallCells SUPPRESSED = new SmallCells(true);

    /** Whether this count must be hidden under the rule. */
    public static boolean small(long count) {
        return count >= 1 && count <= 10;
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
     * {@code –} instead, so a hidden count cannot be worked back).
     */
    public String derived(String value, long... rowCounts) {
        return hidesDerived(rowCounts) ? "–" : value;
    }

    /** Chart values joined by {@code |}: a hidden count is drawn as a gap ({@code NaN}), never its bar. */
    public String chart(java.util.List<? extends Number> values) {
        return String.join("|", values.stream().map(v -> suppress && small(v.longValue()) ? "NaN"
                : String.valueOf(v)).toList());
    }
}
