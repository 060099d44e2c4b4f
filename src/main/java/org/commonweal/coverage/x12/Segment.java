package org.commonweal.coverage.x12;

import java.util.List;

/**
 * One X12 segment as read: its tag, its elements (1-based, composites joined with the interchange's component
 * separator) and its position in the interchange (1 = ISA).
 */
public record Segment(String tag, List<String> elements, int position) {

    /** Element {@code n} (1-based), or an empty string when absent. */
    public String element(int n) {
        return n >= 1 && n <= elements.size() ? elements.get(n - 1) : "";
    }

    public boolean is(String tag, String firstElement) {
        return this.tag.equals(tag) && element(1).equals(firstElement);
    }

    @Override
    public String toString() {
        return tag + "*" + String.join("*", elements);
    }
}
