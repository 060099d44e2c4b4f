package org.commonweal.insights.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tile map of LA County drawn by hand, no boundary data and no tile server: one tile per SPA or RCAC region, placed
 * roughly where the area lies (Antelope Valley at the top, the South Bay and Long Beach at the bottom, the San Gabriel
 * Valley to the east).
 */
final class Cartogram {

    static final int WIDTH = 150;
    static final int HEIGHT = 92;
    static final int GAP = 6;

    /** Column and row of each SPA. */
    private static final Map<Integer, int[]> SPA = Map.of(
            1,
            new int[] {1, 0},
            2,
            new int[] {0, 1},
            4,
            new int[] {1, 1},
            3,
            new int[] {2, 1},
            5,
            new int[] {0, 2},
            6,
            new int[] {1, 2},
            7,
            new int[] {2, 2},
            8,
            new int[] {1, 3});

    /** Column and row of each RCAC region. */
    private static final Map<Integer, int[]> RCAC = Map.ofEntries(
            Map.entry(1, new int[] {1, 0}),
            Map.entry(3, new int[] {0, 1}),
            Map.entry(2, new int[] {1, 1}),
            Map.entry(4, new int[] {2, 1}),
            Map.entry(5, new int[] {3, 1}),
            Map.entry(7, new int[] {0, 2}),
            Map.entry(6, new int[] {1, 2}),
            Map.entry(9, new int[] {2, 2}),
            Map.entry(10, new int[] {0, 3}),
            Map.entry(8, new int[] {1, 3}),
            Map.entry(11, new int[] {2, 3}));

    record Tile(int area, String label, List<Line> lines, int x, int y, String cssClass, String value, String title) {

        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }
    }

    record Line(String text, int x, int y, String cssClass) {}

    private Cartogram() {}

    static int width(String level) {
        return columns(level) * (WIDTH + GAP);
    }

    static int height(String level) {
        return 4 * (HEIGHT + GAP);
    }

    private static int columns(String level) {
        return level.equals("rcac") ? 4 : 3;
    }

    static int[] position(String level, int area) {
        int[] p = (level.equals("rcac") ? RCAC : SPA).get(area);
        return p == null ? new int[] {0, 0} : p;
    }

    /** A tile: the area's number and name (wrapped) and its value. */
    static Tile tile(
            String level, int area, String shortLabel, String name, String cssClass, String value, String title) {
        int[] p = position(level, area);
        int x = p[0] * (WIDTH + GAP);
        int y = p[1] * (HEIGHT + GAP);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line(shortLabel, x + 8, y + 18, "insights-tile-number"));
        int row = 0;
        for (String part : wrap(name, 24)) {
            if (row == 2) {
                break;
            }
            lines.add(new Line(part, x + 8, y + 36 + row * 14, "insights-tile-name"));
            row++;
        }
        lines.add(new Line(value, x + 8, y + HEIGHT - 10, "insights-tile-value"));
        return new Tile(area, shortLabel, lines, x, y, cssClass, value, title);
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
