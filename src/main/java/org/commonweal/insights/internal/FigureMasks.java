package org.commonweal.insights.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;

/**
 * Which figures of a measure are masked, decided once for everything the module publishes about it (maps, comparisons,
 * trends, gaps, exports and briefs all read the same cube): the plan's {@link CellSuppression} rule over one
 * {@link Publication} holding every place, group and period of the measure with the ways they add up — the county and
 * its SPAs or regions, "all" and the groups of each kind, a year and its months, the trailing twelve months and their
 * months. Where parts do not cover their total (members with no SPA, distinct people counted once a year) the
 * relation is recorded as far as it holds ({@link Publication#relate}). Dollars are not counts of people; denominators
 * are.
 *
 * <p>Deciding them is the costly part of a refresh (up to seconds per measure on the demo data), so the refresh decides
 * them over the new figures before it publishes them and stores each figure's masks in its row (#19); pages read them
 * back ({@link #STORED}) and never decide any.
 */
public final class FigureMasks {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FigureMasks.class);

    private final Map<List<Object>, Boolean> numerators = new java.util.HashMap<>();
    private final Map<List<Object>, Boolean> denominators = new java.util.HashMap<>();

    /** How many times masks were decided in this JVM (a page view must not add to it). */
    private static final java.util.concurrent.atomic.AtomicLong DECISIONS =
            new java.util.concurrent.atomic.AtomicLong();

    private Audit audit = new Audit(0, 0, 0, 0, 0);

    private FigureMasks() {}

    /**
     * What the rule did to a measure: its counts, the small ones, all masked, the small ones left unaudited by the
     * linear programme (beyond {@code CellSuppression}'s limit on a linked set; 0 on the demo data) and the time taken.
     */
    public record Audit(int counts, int small, int masked, int unaudited, long millis) {}

    public Audit audit() {
        return audit;
    }

    /** No figure masked (for a view of figures not published together, e.g. in tests). */
    public static final FigureMasks NONE = new FigureMasks();

    /** The masks stored with each figure by its refresh. */
    public static final FigureMasks STORED = new FigureMasks();

    /** How many times masks have been decided in this JVM. */
    public static long decisions() {
        return DECISIONS.get();
    }

    public static FigureMasks of(Measure measure, List<Figure> figures) {
        var p = new Publication();
        for (Figure f : figures) {
            if (measure.numeratorIsCount() && f.numerator() != null) {
                p.count(key(f, "n"), rounded(f.numerator()));
            }
            if (f.denominator() != null) {
                p.count(key(f, "d"), rounded(f.denominator()));
            }
        }
        for (String part : List.of("n", "d")) {
            if (part.equals("n") && !measure.numeratorIsCount()) {
                continue;
            }
            Map<List<Object>, Figure> byCell = new LinkedHashMap<>();
            figures.stream().filter(f -> p.has(key(f, part))).forEach(f -> byCell.put(cell(f), f));
            relate(p, part, byCell);
        }
        long started = System.nanoTime();
        DECISIONS.incrementAndGet();
        var masking = CellSuppression.protect(p);
        log.info(
                "insights masks of {}: {}, {} small, {} masked ({} small beyond the audit) in {} ms",
                measure.code(),
                p.describe(),
                masking.smallCells(),
                masking.maskedCells(),
                masking.unaudited(),
                (System.nanoTime() - started) / 1_000_000);
        var masks = new FigureMasks();
        masks.audit = new Audit(
                p.size(),
                masking.smallCells(),
                masking.maskedCells(),
                masking.unaudited(),
                (System.nanoTime() - started) / 1_000_000);
        for (Figure f : figures) {
            masks.numerators.put(cell(f), p.has(key(f, "n")) && masking.masked(key(f, "n")));
            masks.denominators.put(cell(f), p.has(key(f, "d")) && masking.masked(key(f, "d")));
        }
        return masks;
    }

    /**
     * Whether the count is masked: as stored with the figure by its refresh, else as decided here (figures stored
     * before masks were stored with them). The stored masks come first: they belong to the very figures read.
     */
    public boolean numeratorMasked(Figure f) {
        return f.numeratorMasked() != null ? f.numeratorMasked() : numerators.getOrDefault(cell(f), false);
    }

    public boolean denominatorMasked(Figure f) {
        return f.denominatorMasked() != null ? f.denominatorMasked() : denominators.getOrDefault(cell(f), false);
    }

    /** The figures with the masks decided here, to be stored with them. */
    public List<Figure> applyTo(List<Figure> figures) {
        return figures.stream()
                .map(f ->
                        f.withMasks(numerators.getOrDefault(cell(f), false), denominators.getOrDefault(cell(f), false)))
                .toList();
    }

    private static void relate(Publication p, String part, Map<List<Object>, Figure> byCell) {
        Map<List<Object>, Figure> current = new LinkedHashMap<>();
        byCell.values().stream()
                .filter(f -> f.periodKind().equals("current"))
                .forEach(f -> current.put(List.of(f.level(), f.area(), f.stratumKind(), f.stratumValue()), f));
        Map<List<Object>, List<Object>> areas = new LinkedHashMap<>();
        Map<List<Object>, List<Object>> groups = new LinkedHashMap<>();
        Map<List<Object>, List<Object>> months = new LinkedHashMap<>();
        Map<List<Object>, List<Object>> window = new LinkedHashMap<>();
        for (Figure f : byCell.values()) {
            if (!f.level().equals("county")) {
                // the county as the sum of the SPAs, and of the regions
                areas.computeIfAbsent(
                                List.of(f.level(), f.stratumKind(), f.stratumValue(), f.periodKind(), f.period()),
                                k -> new ArrayList<>())
                        .add(key(f, part));
            }
            if (!f.stratumKind().equals("all")) {
                groups.computeIfAbsent(
                                List.of(f.level(), f.area(), f.stratumKind(), f.periodKind(), f.period()),
                                k -> new ArrayList<>())
                        .add(key(f, part));
            }
            if (f.periodKind().equals("month")) {
                months.computeIfAbsent(
                                List.of(
                                        f.level(),
                                        f.area(),
                                        f.stratumKind(),
                                        f.stratumValue(),
                                        f.period().withDayOfYear(1)),
                                k -> new ArrayList<>())
                        .add(key(f, part));
                Figure now = current.get(List.of(f.level(), f.area(), f.stratumKind(), f.stratumValue()));
                // the current figure of a flow is the trailing twelve months up to its day
                if (now != null
                        && !f.period().isBefore(now.period().withDayOfMonth(1).minusMonths(11))
                        && !f.period().isAfter(now.period())) {
                    window.computeIfAbsent(
                                    List.of(f.level(), f.area(), f.stratumKind(), f.stratumValue()),
                                    k -> new ArrayList<>())
                            .add(key(f, part));
                }
            }
        }
        areas.forEach((k, parts) ->
                total(p, byCell, List.of("county", 0, k.get(1), k.get(2), k.get(3), k.get(4)), part, parts));
        groups.forEach((k, parts) ->
                total(p, byCell, List.of(k.get(0), k.get(1), "all", "", k.get(3), k.get(4)), part, parts));
        months.forEach((k, parts) ->
                total(p, byCell, List.of(k.get(0), k.get(1), k.get(2), k.get(3), "year", k.get(4)), part, parts));
        window.forEach((k, parts) -> p.relate(key(current.get(k), part), parts));
    }

    private static void total(
            Publication p, Map<List<Object>, Figure> byCell, List<Object> totalCell, String part, List<Object> parts) {
        Figure total = byCell.get(totalCell);
        if (total != null) {
            p.relate(key(total, part), parts);
        }
    }

    private static List<Object> cell(Figure f) {
        return List.of(f.level(), f.area(), f.stratumKind(), f.stratumValue(), f.periodKind(), f.period());
    }

    private static List<Object> key(Figure f, String part) {
        return List.of(f.level(), f.area(), f.stratumKind(), f.stratumValue(), f.periodKind(), f.period(), part);
    }

    private static long rounded(BigDecimal value) {
        return Math.max(0, value.setScale(0, RoundingMode.HALF_UP).longValue());
    }
}
