package org.commonweal.platform;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;

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
 * audit a pattern (the attacker problems of Fischetti and Salazar-González, "Models and algorithms for the 2-dimensional
 * cell suppression problem in statistical disclosure control", Math. Programming 84, 1999): for each small cell, a
 * linear programme gives the largest value the cell can take given everything published; while that is below
 * {@value #SMALLEST_SHOWN} a complementary cell is masked. In order:
 *
 * <ol>
 *   <li>a cheap closure, relation by relation (sdcTable's simple heuristic with τ-ARGUS's protection level);
 *   <li>for each linked set of unknowns (masked and unpublished counts tied by relations: a cell's interval depends on
 *       its set alone), rounds of one programme each (the "spread"): the sum of the small cells still unproven,
 *       maximised with each of them held to at most 11. Holding a count lower only narrows what the published figures
 *       allow, so the optimum is a point that satisfies everything published, and each small cell reaching 11 there is
 *       proven protected without a programme of its own; the next round asks again about the cells left, while a
 *       round proves any (on the demo data a score of rounds prove all but a few dozen of a set's 500 to 1,300 small
 *       cells);
 *   <li>for each small cell not yet proven, first a relaxation: the attacker's programme over the unknowns within one,
 *       two, then three relations of the cell with the relations reaching beyond them dropped (its maximum is at least
 *       the attacker's, so staying below 11 proves a complement is needed, without solving the whole set); otherwise
 *       the attacker's maximisation over the whole linked set, nothing held at its true value (with a cap on each count
 *       that can only lower the maximum), whose optimum proves every other small cell reaching 11 in it too. While the
 *       cell stays below 11, a complement is masked: the nearest shown non-zero cell (first in a relation with the
 *       cell, then one relation further out through the linked set, and so on) of least value (τ-ARGUS weighs cells by
 *       value) among those large enough to let the cell rise to 11, the largest when none is.
 * </ol>
 *
 * Masking more only widens what an attacker can infer (the old point, with the new unknown at its true value, still
 * satisfies everything), so each cell once proven stays proven and each complement is chosen once. Every small cell of
 * every linked set, whatever its size, is audited to the end: there is no work budget and no size beyond which the
 * closure is left alone ({@link Masking#unaudited()} counts small cells left unproven, and is 0). The work depends on
 * the figures alone, never on a clock, so the same figures always get the same masks (two patterns of one table, laid
 * side by side, could give cells away).
 */
public final class CellSuppression {

    /** What stands in place of a masked figure, in every page, chart label, export and brief. */
    public static final String MASK = "*";
    /** The smallest count that may be shown: 1 to 10 are masked. */
    public static final int SMALLEST_SHOWN = 11;

    private CellSuppression() {}

    /** Whether a count is small under the rule (1 to 10; zero is not). */
    public static boolean small(long count) {
        return count >= 1 && count < SMALLEST_SHOWN;
    }

    /** The figures as shown to a reader: masked and complemented when {@code suppress}, exact otherwise. */
    public static Masking apply(Publication publication, boolean suppress) {
        return suppress ? protect(publication) : new Masking(publication, new BitSet(), new BitSet(), false, 0);
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
        BitSet proven = new BitSet();
        spread(p, masked, primary, proven);
        for (int cell = primary.nextSetBit(0); cell >= 0; cell = primary.nextSetBit(cell + 1)) {
            if (!proven.get(cell)) {
                protectCell(p, masked, primary, proven, cell);
            }
        }
        BitSet left = (BitSet) primary.clone();
        left.andNot(proven);
        int unaudited = left.cardinality();
        return new Masking(p, primary, masked, true, unaudited);
    }

    /**
     * Rounds of one programme per linked set of unknowns, before any cell is taken on alone: the point where as many
     * small cells as possible reach {@value #SMALLEST_SHOWN} together (the sum of the cells still unproven, each held
     * to at most 11, maximised). Every small cell that reaches 11 there is proven protected by that one point, which is
     * what the attacker's programme for it would have found at least. The next round asks only about the cells left
     * (they no longer compete with the proven ones for the room the figures allow), until a round proves none; the
     * per-cell programmes are left for the others.
     */
    private static void spread(Publication p, BitSet masked, BitSet primary, BitSet proven) {
        BitSet seen = new BitSet();
        for (int cell = primary.nextSetBit(0); cell >= 0; cell = primary.nextSetBit(cell + 1)) {
            if (seen.get(cell)) {
                continue;
            }
            BitSet unknowns = component(p, masked, cell);
            seen.or(unknowns);
            BitSet open = (BitSet) unknowns.clone();
            open.and(primary);
            var set = new LinkedSet(p, masked, unknowns, false);
            while (open.cardinality() > 1) {
                int before = open.cardinality();
                set.spread(open).prove(primary, proven);
                open.andNot(proven);
                if (open.cardinality() == before) {
                    break;
                }
            }
        }
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
     * Masks complements until the cell is protected. A relaxation near the cell settles most cells that need one; when
     * it does not, the attacker's programme is solved over the cell's whole linked set (nothing held at its true value):
     * its optimum is also a point of the set, so every other small cell reaching 11 in it is proven on the way. How far
     * below 11 the cell's maximum stays tells how large a complement must be to let it rise.
     */
    private static void protectCell(Publication p, BitSet masked, BitSet primary, BitSet proven, int cell) {
        while (true) {
            BitSet unknowns = component(p, masked, cell);
            double reach = relaxedReach(p, masked, cell, unknowns);
            if (reach >= SMALLEST_SHOWN - 1e-6) {
                reach = new LinkedSet(p, masked, unknowns, false)
                        .bound(cell, true)
                        .prove(primary, proven)
                        .value();
            }
            if (proven.get(cell)) {
                return;
            }
            int best = complement(p, masked, cell, (long) Math.ceil(SMALLEST_SHOWN - reach - 1e-6));
            if (best < 0) {
                throw new IllegalStateException("no complementary cell can protect " + p.key(cell));
            }
            masked.set(best);
        }
    }

    /**
     * An upper bound on the largest value the cell can take, from programmes smaller than its linked set: the unknowns
     * within one, two, then three relations of the cell, with the relations reaching beyond them dropped (a relaxation:
     * its maximum is at least the attacker's). The first below 11 shows a complement is needed, and by how much the
     * cell must still be able to rise; infinity when none is below 11 (then only the whole set can tell).
     */
    private static double relaxedReach(Publication p, BitSet masked, int cell, BitSet unknowns) {
        BitSet ball = new BitSet();
        ball.set(cell);
        for (int radius = 1; radius <= 3; radius++) {
            BitSet grown = (BitSet) ball.clone();
            for (int c = ball.nextSetBit(0); c >= 0; c = ball.nextSetBit(c + 1)) {
                for (int r : p.relationsOf(c)) {
                    for (int o : p.relations().get(r)) {
                        if (unknown(p, masked, o)) {
                            grown.set(o);
                        }
                    }
                }
            }
            ball = grown;
            if (ball.cardinality() == unknowns.cardinality()) {
                break;
            }
            double reach =
                    new LinkedSet(p, masked, ball, true).bound(cell, true).value();
            if (reach < SMALLEST_SHOWN - 1e-6) {
                return reach;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * The complement to mask next (τ-ARGUS's cost by value, taken nearest first): among the shown non-zero cells in a
     * relation with the cell itself, the smallest that exceeds {@code need} (a part that falls by {@code need} so that
     * the cell can rise by it stays at least 1), or the largest when none does; failing any, the same among the cells
     * in a relation with the unknowns one relation away from it, and so on outwards through the linked set. A cell far
     * away in a large linked set seldom opens the way a near one does.
     */
    private static int complement(Publication p, BitSet masked, int cell, long need) {
        BitSet seen = new BitSet();
        seen.set(cell);
        List<Integer> layer = List.of(cell);
        while (!layer.isEmpty()) {
            int best = -1;
            int largest = -1;
            List<Integer> next = new ArrayList<>();
            for (int c : layer) {
                for (int r : p.relationsOf(c)) {
                    for (int o : p.relations().get(r)) {
                        if (unknown(p, masked, o)) {
                            if (!seen.get(o)) {
                                seen.set(o);
                                next.add(o);
                            }
                        } else if (p.value(o) > 0) {
                            if (p.value(o) > need && (best < 0 || p.value(o) < p.value(best))) {
                                best = o;
                            }
                            if (largest < 0 || p.value(o) > p.value(largest)) {
                                largest = o;
                            }
                        }
                    }
                }
            }
            if (best >= 0 || largest >= 0) {
                return best >= 0 ? best : largest;
            }
            layer = next;
        }
        return -1;
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
        return new LinkedSet(p, masked, unknowns, false).bound(cell, max).value();
    }

    /**
     * The attacker's programme over one linked set of unknowns: a variable per unknown (a masked count at least 1, an
     * unpublished one at least 0; none above the largest published count plus 11, which only lowers a maximum, so a
     * cell proven to reach 11 under it reaches 11 for any reader) and an equation per relation among them, with the
     * shown figures as constants, built afresh for each question (ojAlgo's warm start through bound changes was tried:
     * its in-place simplex re-solved these sets several times slower than a fresh model with its presolve).
     */
    private static final class LinkedSet {

        private final Publication p;
        private final BitSet masked;
        private final int[] cells;
        private final int[] index;
        private final double cap;
        private final BitSet unknowns;

        private final boolean relaxed;

        /**
         * The programme over these unknowns; any other unknown is held at its true value, or, when {@code relaxed},
         * the relations that reach it are dropped (and no count is capped), so the maximum can only rise.
         */
        LinkedSet(Publication p, BitSet masked, BitSet unknowns, boolean relaxed) {
            this.p = p;
            this.relaxed = relaxed;
            this.unknowns = unknowns;
            this.masked = masked;
            this.cells = unknowns.stream().toArray();
            this.index = new int[p.size()];
            Arrays.fill(index, -1);
            for (int i = 0; i < cells.length; i++) {
                index[cells[i]] = i;
            }
            this.cap = relaxed ? 1e9 : p.largest() + SMALLEST_SHOWN;
        }

        /** The attacker's bound on one cell. */
        Solution bound(int cell, boolean max) {
            return solve(model -> model.getVariable(index[cell]).weight(1), max);
        }

        /**
         * The point where the most of these small cells reach 11 together: their sum maximised, each held to at most
         * 11 (a restriction of what the figures allow, so the point satisfies everything published).
         */
        Solution spread(BitSet small) {
            return solve(
                    model -> {
                        for (int c = small.nextSetBit(0); c >= 0; c = small.nextSetBit(c + 1)) {
                            model.getVariable(index[c]).upper(SMALLEST_SHOWN).weight(1);
                        }
                    },
                    true);
        }

        private Solution solve(Consumer<ExpressionsBasedModel> objective, boolean max) {
            Optimisation.Result result = solve(objective, max, 0);
            double slack = 0;
            if (!result.getState().isFeasible()) {
                // the true counts satisfy every relation; a solver that finds none is stuck on rounding, so the
                // equations are given a hair of slack (a thousandth of a person changes no bound that matters)
                slack = 1e-3;
                result = solve(objective, max, slack);
            }
            if (!result.getState().isFeasible()) {
                throw new IllegalStateException("the published figures are inconsistent around " + p.key(cells[0])
                        + " (" + result.getState() + ", " + cells.length + " unknowns)");
            }
            return new Solution(this, result, slack > 0);
        }

        private Optimisation.Result solve(Consumer<ExpressionsBasedModel> objective, boolean max, double slack) {
            var model = new ExpressionsBasedModel();
            for (int c : cells) {
                // zeros are always shown, so a masked cell is at least 1; an unpublished one may be 0
                model.addVariable("x" + c).lower(masked.get(c) ? 1 : 0).upper(cap);
            }
            BitSet involved = relationsOf(p, unknowns);
            for (int ri = involved.nextSetBit(0); ri >= 0; ri = involved.nextSetBit(ri + 1)) {
                int[] r = p.relations().get(ri);
                if (relaxed && reachesBeyond(r)) {
                    continue;
                }
                Expression e = model.addExpression("r" + ri);
                double rhs = 0;
                for (int k = 0; k < r.length; k++) {
                    double coefficient = k == 0 ? -1 : 1;
                    if (index[r[k]] >= 0) {
                        e.set(model.getVariable(index[r[k]]), coefficient);
                    } else {
                        rhs -= coefficient * p.value(r[k]);
                    }
                }
                e.lower(rhs - slack).upper(rhs + slack);
            }
            objective.accept(model);
            return max ? model.maximise() : model.minimise();
        }

        private boolean reachesBeyond(int[] relation) {
            for (int c : relation) {
                if (index[c] < 0 && unknown(p, masked, c)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An optimum of a linked set's programme: its value, and the point that reaches it. */
    private record Solution(LinkedSet set, Optimisation.Result result, boolean slack) {

        double value() {
            return result.getValue();
        }

        /**
         * Marks the small cells that reach 11 at this point: the point satisfies what the reader knows, so each of
         * them can be 11 or more. A point found with slack must clear 11 by a margin (its equations are off by a hair).
         */
        Solution prove(BitSet primary, BitSet proven) {
            if (set.relaxed) {
                throw new IllegalStateException("a relaxation's point may break a dropped relation: it proves nothing");
            }
            double threshold = slack ? SMALLEST_SHOWN + 0.5 : SMALLEST_SHOWN - 1e-6;
            for (int i = 0; i < set.cells.length; i++) {
                if (primary.get(set.cells[i]) && result.doubleValue(i) >= threshold) {
                    proven.set(set.cells[i]);
                }
            }
            return this;
        }
    }

    /** A publication as a reader sees it. */
    public static final class Masking {

        private final Publication publication;
        private final BitSet primary;
        private final BitSet masked;
        private final boolean suppressing;
        private final int unaudited;

        Masking(Publication publication, BitSet primary, BitSet masked, boolean suppressing, int unaudited) {
            this.publication = publication;
            this.primary = primary;
            this.masked = masked;
            this.suppressing = suppressing;
            this.unaudited = unaudited;
        }

        /** Small cells linked to more unknowns than the audit takes on: protected by the closure alone. */
        public int unaudited() {
            return unaudited;
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
