package org.commonweal.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The plan's one disclosure-control rule for figures about people that leave the care team, after the DHCS Data
 * De-identification Guidelines and the CMS cell-size suppression policy: a count from 1 to 10 is masked, and so is every
 * rate, mean or percentage built on a masked count; zero is shown (it identifies nobody). One mask, {@value #MASK},
 * everywhere.
 *
 * <p>Masking the small counts is not enough when totals are published beside them: a row total minus the other cells,
 * a year minus eleven months, members minus those who met the standard give the count back. So the rule is applied to a
 * whole {@link Publication} (every table of a view or export, with its margins and the relations between them), and
 * complementary cells are masked until no small count can be derived. The method is the one τ-ARGUS and sdcTable use to
 * audit a pattern (Fischetti and Salazar-González's attacker problems): for each small cell, a linear programme gives
 * the largest value the cell can take given everything published; while that is below {@value #SMALLEST_SHOWN} the
 * cheapest neighbouring cell (the smallest count in a relation with the masked ones, as τ-ARGUS weighs cells by
 * value) is masked as well. Masking more only widens what an attacker can infer, so each cell once protected stays so.
 * A measure's cube links thousands of unknowns (months, areas and groups), so the programme is first solved on the
 * unknowns nearest the cell with the others held at their true values: a restriction of the attacker's programme,
 * whose maximum can only be lower, so reaching 11 there proves it for the whole (see {@link #protectCell}).
 */
public final class CellSuppression {

    /** What stands in place of a masked figure, in every page, chart label, export and brief. */
    public static final String MASK = "*";
    /** The smallest count that may be shown: 1 to 10 are masked. */
    public static final int SMALLEST_SHOWN = 11;
    /**
     * The sizes of the sub-problems a small cell's maximum is sought on, in unknowns nearest the cell (see {@link
     * #protectCell}): most cells are shown to reach 11 on the first; the last bounds the cost of one programme.
     */
    static final int[] NEIGHBOURHOODS = {60, 400};
    /** How far below 11 a solver's maximum may fall by rounding and still count as 11. */
    private static final double TOLERANCE = 1e-6;

    private CellSuppression() {}

    /** Whether a count is small under the rule (1 to 10; zero is not). */
    public static boolean small(long count) {
        return count >= 1 && count < SMALLEST_SHOWN;
    }

    /** The figures as shown to a reader: masked and complemented when {@code suppress}, exact otherwise. */
    public static Masking apply(Publication publication, boolean suppress) {
        return suppress ? protect(publication) : new Masking(publication, new BitSet(), new BitSet(), false);
    }

    /** Masks the small counts of a publication and the complementary cells that keep them from being derived. */
    public static Masking protect(Publication p) {
        BitSet primary = new BitSet();
        for (int i = 0; i < p.size(); i++) {
            if (p.published(i) && small(p.value(i))) {
                primary.set(i);
            }
        }
        BitSet masked = (BitSet) primary.clone();
        closeRelations(p, primary, masked);
        BitSet protectedCells = new BitSet();
        for (int cell = primary.nextSetBit(0); cell >= 0; cell = primary.nextSetBit(cell + 1)) {
            protectCell(p, primary, masked, protectedCells, cell);
        }
        return new Masking(p, primary, masked, true);
    }

    /**
     * The first, cheap pass, relation by relation (sdcTable's simple heuristic, with τ-ARGUS's protection level): in a
     * relation whose total is shown, the masked parts together are what the total leaves once the shown parts are
     * taken away, each at least 1; so a small part can reach at most (that remainder − the other masked parts). Until
     * that reaches {@value #SMALLEST_SHOWN} for every relation, the smallest shown non-zero cell of the relation is
     * masked as well (a part, or the total when no part is left). The linear programmes then only have the subtler
     * derivations, across several relations, left to find.
     */
    private static void closeRelations(Publication p, BitSet primary, BitSet masked) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] r : p.relations()) {
                if (unknown(p, masked, r[0]) || !hasPrimaryPart(r, primary)) {
                    continue;
                }
                while (!unknown(p, masked, r[0]) && remainderTooSmall(p, masked, r)) {
                    int cheapest = -1;
                    for (int k = 1; k < r.length; k++) {
                        int c = r[k];
                        if (!unknown(p, masked, c)
                                && p.value(c) > 0
                                && (cheapest < 0 || p.value(c) < p.value(cheapest))) {
                            cheapest = c;
                        }
                    }
                    masked.set(cheapest >= 0 ? cheapest : r[0]);
                    changed = true;
                }
            }
        }
    }

    private static boolean hasPrimaryPart(int[] r, BitSet primary) {
        for (int k = 1; k < r.length; k++) {
            if (primary.get(r[k])) {
                return true;
            }
        }
        return false;
    }

    /** Whether a small masked part of a relation with a shown total can be shown to stay below 11 by it alone. */
    private static boolean remainderTooSmall(Publication p, BitSet masked, int[] r) {
        long hidden = 0;
        int unknownParts = 0;
        boolean unpublishedPart = false;
        for (int k = 1; k < r.length; k++) {
            if (unknown(p, masked, r[k])) {
                hidden += p.value(r[k]);
                unknownParts++;
                unpublishedPart |= !p.published(r[k]);
            }
        }
        // an unpublished part may be 0, a masked one is at least 1
        return unknownParts > 0 && hidden - (unknownParts - 1) + (unpublishedPart ? 1 : 0) < SMALLEST_SHOWN;
    }

    /**
     * Masks complements until the cell is protected. The attacker's programme over the cell's whole component can
     * hold thousands of unknowns (a measure's months, areas and groups all linked), so the cell's maximum is sought on
     * sub-problems: the unknowns around the cell ({@link #neighbourhood}, {@link #NEIGHBOURHOODS} of them at most),
     * every other unknown held at its true value. That is the attacker's programme with constraints added (x = its
     * true value), which the true figures satisfy: its feasible points are feasible for the whole programme, so its
     * maximum is a lower bound on the attacker's. When it reaches 11 the cell is protected whatever the rest of the
     * component allows; when the largest sub-problem stays below 11 a complement is masked next to the cell and the
     * cell tried again. Each solution also protects every other small cell that takes 11 or more in it (a feasible
     * point is a proof for all of them); a first programme spreads the small cells around towards 11 for that.
     */
    private static void protectCell(Publication p, BitSet primary, BitSet masked, BitSet protectedCells, int cell) {
        while (!protectedCells.get(cell)) {
            BitSet around = null;
            for (int limit : NEIGHBOURHOODS) {
                BitSet ball = neighbourhood(p, masked, cell, limit);
                if (ball.equals(around)) {
                    continue; // nothing more joined it
                }
                around = ball;
                BitSet open = (BitSet) around.clone();
                open.and(primary);
                open.andNot(protectedCells);
                if (open.cardinality() > 1) {
                    // first one point taking as many of the small cells around to 11 as it can, then, if the cell is
                    // not among them, the point where the cell itself is largest
                    protectedCells.or(reaching(open, point(p, masked, around, open, -1)));
                }
                if (!protectedCells.get(cell)) {
                    protectedCells.or(reaching(open, point(p, masked, around, null, cell)));
                }
                if (protectedCells.get(cell)) {
                    break;
                }
            }
            if (protectedCells.get(cell)) {
                return;
            }
            List<Integer> candidates = candidates(p, masked, around);
            if (candidates.isEmpty()) {
                // every cell around is hidden already: only the whole component can tell
                if (bound(p, masked, component(p, masked, cell), cell, true) >= SMALLEST_SHOWN - TOLERANCE) {
                    protectedCells.set(cell);
                    return;
                }
                throw new IllegalStateException("no complementary cell can protect " + p.key(cell));
            }
            // the cheapest cell that would close a box with the unknowns around (it shares two relations with them),
            // else the cheapest sharing a relation with the cell itself, else the cheapest around
            int best = -1;
            for (int c : candidates) {
                if (meets(p, around, c) >= 2) {
                    best = c;
                    break;
                }
            }
            for (int k = 0; best < 0 && k < candidates.size(); k++) {
                if (sharesRelation(p, candidates.get(k), cell)) {
                    best = candidates.get(k);
                }
            }
            masked.set(best < 0 ? candidates.getFirst() : best);
        }
    }

    /**
     * The unknowns a small cell's sub-problem lets vary: the cell, the unknowns sharing a relation with it, then, ring
     * by ring, each unknown that shares two or more relations with those already taken (the corners that close a box
     * of months × areas × groups, as in the hypercube method; one that meets the set through a single relation would
     * only be held there by its other relations), up to {@code limit}. Also whether that is the cell's whole component
     * (the bound is then exact).
     */
    private static BitSet neighbourhood(Publication p, BitSet masked, int cell, int limit) {
        BitSet taken = new BitSet();
        taken.set(cell);
        for (int r : p.relationsOf(cell)) {
            for (int o : p.relations().get(r)) {
                if (unknown(p, masked, o)) {
                    taken.set(o);
                }
            }
        }
        boolean grew = true;
        while (grew && taken.cardinality() < limit) {
            grew = false;
            for (int c : joining(p, masked, taken)) {
                if (taken.cardinality() >= limit) {
                    break;
                }
                taken.set(c);
                grew = true;
            }
        }
        return taken;
    }

    /** Cells outside {@code taken} that share two or more relations with it, shown or not, in order. */
    private static List<Integer> joining(Publication p, BitSet masked, BitSet taken) {
        BitSet touched = relationsOf(p, taken);
        java.util.Map<Integer, Integer> meetings = new java.util.TreeMap<>();
        for (int r = touched.nextSetBit(0); r >= 0; r = touched.nextSetBit(r + 1)) {
            for (int o : p.relations().get(r)) {
                if (!taken.get(o) && unknown(p, masked, o)) {
                    meetings.merge(o, 1, Integer::sum);
                }
            }
        }
        return meetings.entrySet().stream()
                .filter(e -> e.getValue() >= 2)
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    /** In how many relations the cell meets a cell of the set. */
    private static int meets(Publication p, BitSet cells, int cell) {
        int n = 0;
        for (int r : p.relationsOf(cell)) {
            for (int o : p.relations().get(r)) {
                if (o != cell && cells.get(o)) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static boolean sharesRelation(Publication p, int a, int b) {
        for (int r : p.relationsOf(a)) {
            if (p.relationsOf(b).contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Shown non-zero cells in a relation with these unknowns, smallest first. */
    private static List<Integer> candidates(Publication p, BitSet masked, BitSet unknowns) {
        BitSet found = new BitSet();
        for (int r : relationsOf(p, unknowns).stream().toArray()) {
            for (int c : p.relations().get(r)) {
                if (!unknown(p, masked, c) && p.value(c) > 0) {
                    found.set(c);
                }
            }
        }
        List<Integer> list = new ArrayList<>(found.stream().boxed().toList());
        list.sort(Comparator.comparingLong(p::value));
        return list;
    }

    private static boolean unknown(Publication p, BitSet masked, int c) {
        return masked.get(c) || !p.published(c);
    }

    /** The relations that involve any of these cells. */
    private static BitSet relationsOf(Publication p, BitSet cells) {
        BitSet out = new BitSet();
        for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
            for (int r : p.relationsOf(c)) {
                out.set(r);
            }
        }
        return out;
    }

    /** The unknown cells tied to {@code cell} through relations (the only ones its interval depends on). */
    private static BitSet component(Publication p, BitSet masked, int cell) {
        BitSet seen = new BitSet();
        seen.set(cell);
        var queue = new ArrayDeque<Integer>(List.of(cell));
        while (!queue.isEmpty()) {
            int c = queue.poll();
            for (int r : p.relationsOf(c)) {
                for (int o : p.relations().get(r)) {
                    if (unknown(p, masked, o) && !seen.get(o)) {
                        seen.set(o);
                        queue.add(o);
                    }
                }
            }
        }
        return seen;
    }

    /** The tightest interval an attacker can put on a masked or unpublished cell, by linear programming. */
    public record Interval(double low, double high) {}

    static Interval interval(Publication p, BitSet masked, int cell) {
        BitSet unknowns = component(p, masked, cell);
        return new Interval(bound(p, masked, unknowns, cell, false), bound(p, masked, unknowns, cell, true));
    }

    private static double bound(Publication p, BitSet masked, BitSet unknowns, int cell, boolean max) {
        return optimum(p, masked, unknowns, cell, max).getValue();
    }

    /** The cells of {@code cells} that take 11 or more at this point. */
    private static BitSet reaching(BitSet cells, double[] point) {
        BitSet out = new BitSet();
        for (int c = cells.nextSetBit(0); c >= 0; c = cells.nextSetBit(c + 1)) {
            if (point[c] >= SMALLEST_SHOWN - TOLERANCE) {
                out.set(c);
            }
        }
        return out;
    }

    /**
     * A point the published figures allow when these unknowns vary and every other cell keeps its value (indexed by
     * cell; only the unknowns' entries are set): where {@code cell} is largest, or, given {@code spread}, where the
     * sum of min(x, 11) over those cells is.
     */
    private static double[] point(Publication p, BitSet masked, BitSet unknowns, BitSet spread, int cell) {
        double cap = p.largest() + SMALLEST_SHOWN;
        Optimisation.Result result = spread == null
                ? optimum(p, masked, unknowns, cell, true)
                : solve(p, masked, unknowns, spread, cell, true, cap, 0);
        double[] point = new double[p.size()];
        if (!result.getState().isFeasible()) {
            return point; // proves nothing (every entry 0); the single-cell programme follows
        }
        int i = 0;
        for (int c = unknowns.nextSetBit(0); c >= 0; c = unknowns.nextSetBit(c + 1)) {
            point[c] = result.doubleValue(i++);
        }
        return point;
    }

    private static Optimisation.Result optimum(Publication p, BitSet masked, BitSet unknowns, int cell, boolean max) {
        // every count is at most the largest published one; a cell free of any relation reaches it (or 11)
        double cap = p.largest() + SMALLEST_SHOWN;
        Optimisation.Result result = solve(p, masked, unknowns, null, cell, max, cap, 0);
        if (!result.getState().isFeasible()) {
            // the true counts satisfy every relation; a solver that finds none is stuck on rounding, so the
            // equations are given a hair of slack (a thousandth of a person changes no bound that matters)
            result = solve(p, masked, unknowns, null, cell, max, cap, 1e-3);
        }
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("the published figures are inconsistent around " + p.key(cell) + " ("
                    + result.getState() + ", " + unknowns.cardinality() + " unknowns)");
        }
        return result;
    }

    private static Optimisation.Result solve(
            Publication p,
            BitSet masked,
            BitSet unknowns,
            BitSet spread,
            int cell,
            boolean max,
            double cap,
            double slack) {
        var model = new ExpressionsBasedModel();
        Variable[] vars = new Variable[p.size()];
        for (int c = unknowns.nextSetBit(0); c >= 0; c = unknowns.nextSetBit(c + 1)) {
            // zeros are always shown, so a masked cell is at least 1; an unpublished one may be 0
            vars[c] = model.addVariable("x" + c).lower(masked.get(c) ? 1 : 0).upper(cap);
        }
        if (spread == null) {
            vars[cell].weight(1);
        } else {
            // y = min(x, 11) for each cell to spread over, their sum as the objective
            for (int c = spread.nextSetBit(0); c >= 0; c = spread.nextSetBit(c + 1)) {
                Variable y = model.addVariable("y" + c)
                        .lower(0)
                        .upper(SMALLEST_SHOWN)
                        .weight(1);
                model.addExpression("y" + c + "<=x" + c)
                        .set(y, 1)
                        .set(vars[c], -1)
                        .upper(0);
            }
        }
        int n = 0;
        BitSet involved = relationsOf(p, unknowns);
        for (int ri = involved.nextSetBit(0); ri >= 0; ri = involved.nextSetBit(ri + 1)) {
            int[] r = p.relations().get(ri);
            Expression e = model.addExpression("r" + n++);
            double rhs = 0;
            for (int k = 0; k < r.length; k++) {
                double coefficient = k == 0 ? -1 : 1;
                if (vars[r[k]] != null) {
                    e.set(vars[r[k]], coefficient);
                } else {
                    rhs -= coefficient * p.value(r[k]);
                }
            }
            e.lower(rhs - slack).upper(rhs + slack);
        }
        return max ? model.maximise() : model.minimise();
    }

    /** A publication as a reader sees it. */
    public static final class Masking {

        private final Publication publication;
        private final BitSet primary;
        private final BitSet masked;
        private final boolean suppressing;

        Masking(Publication publication, BitSet primary, BitSet masked, boolean suppressing) {
            this.publication = publication;
            this.primary = primary;
            this.masked = masked;
            this.suppressing = suppressing;
        }

        public boolean masked(Object key) {
            return masked.get(publication.id(key));
        }

        /** The count as text, or the mask. */
        public String count(Object key) {
            return masked(key) ? MASK : Long.toString(publication.value(publication.id(key)));
        }

        /** Whether none of these counts is masked (a rate or mean built on them may be shown). */
        public boolean shows(Object... keys) {
            for (Object k : keys) {
                if (masked(k)) {
                    return false;
                }
            }
            return true;
        }

        /** A figure built on counts (a rate, a mean): its text when all of them are shown, otherwise the mask. */
        public String derived(Supplier<String> text, Object... keys) {
            return shows(keys) ? text.get() : MASK;
        }

        /** The count for a chart, or null (no bar) when masked. */
        public Long chart(Object key) {
            return masked(key) ? null : publication.value(publication.id(key));
        }

        /** Whether the rule was applied (the reader is outside the care team). */
        public boolean active() {
            return suppressing;
        }

        public int smallCells() {
            return primary.cardinality();
        }

        public int maskedCells() {
            return masked.cardinality();
        }

        /** The tightest interval the published figures allow for a masked count (the audit of the pattern). */
        public Interval interval(Object key) {
            return CellSuppression.interval(publication, masked, publication.id(key));
        }
    }
}
