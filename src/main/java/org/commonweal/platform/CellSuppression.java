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
 *       its set alone, so each set is solved alone), the attacker's programme, nothing held at its true value (with a
 *       cap on each count that can only lower a maximum), asked for each small cell not yet proven in turn: how far can
 *       it rise? The programme is kept between questions ({@link LinkedTableau}: a bounded primal simplex started from
 *       the true figures and warm-started from the last answer, since a new objective leaves the last point feasible);
 *       it stops as soon as the cell reaches 11. Every point it reaches satisfies everything published, so every small
 *       cell at 11 or more there is proven too (each point is checked against the relations before it proves
 *       anything); a cell that cannot reach 11 gets the exact maximum the attacker would find;
 *   <li>complements, all in one pass before the sets are asked again: the first short cell of each set gets one sized
 *       by its maximum; each other short cell of the set gets one where a relaxation (the unknowns within one, then two
 *       relations of the cell, with the relations reaching beyond them dropped: its maximum is at least the
 *       attacker's) still shows it below 11 with the complements chosen so far, and waits for the next question
 *       otherwise. A complement is the nearest shown non-zero cell (first in a relation with the cell, then one
 *       relation further out through the linked set, and so on) of least value (τ-ARGUS weighs cells by value) among
 *       those large enough to let the cell rise to 11, the largest when none is.
 * </ol>
 *
 * Masking more only widens what an attacker can infer (the old point, with the new unknown at its true value, still
 * satisfies everything), so each cell once proven stays proven and each complement is chosen once. Every small cell of
 * every linked set, whatever its size, is audited to the end: there is no work budget and no size beyond which the
 * closure is left alone ({@link Masking#unaudited()} counts small cells left unproven, and is 0). The work depends on
 * the figures alone, never on a clock, so the same figures always get the same masks (two patterns of one table, laid
 * side by side, could give cells away). Should the simplex not settle a question within its step limit (or its point
 * fail the check, rounding having built up over many steps), a new tableau from the true figures is asked again, and
 * failing that the ready-made solver (ojAlgo) answers it from scratch.
 */
public final class CellSuppression {

    /**
     * The rule's version, for modules that store masks with their figures (adequacy's {@code run_mask} digests it with
     * the results): stored masks decided under another version are decided again. Bump it when the rule changes what
     * it masks (the threshold, the mask, the method of the audit or of choosing complements) or how a
     * {@link Publication} is read; a change that gives the same masks for the same figures (speed, logging) leaves it.
     */
    public static final String VERSION = "cell-suppression-v1: counts 1-10 masked, zero shown, one mask '*';"
            + " complementary cells until no small count can be derived (closure relation by relation, then the"
            + " attacker's LP per linked set, every small cell audited to the end; complements nearest first, least"
            + " value large enough to let the cell reach 11)";

    /** What stands in place of a masked figure, in every page, chart label, export and brief. */
    public static final String MASK = "*";
    /** The smallest count that may be shown: 1 to 10 are masked. */
    public static final int SMALLEST_SHOWN = 11;
    /** The cap of a relaxation's counts: far above any figure, so it lowers no maximum that matters. */
    private static final double RELAXED_CAP = 1e7;
    /** How far around a cell (in relations) its relaxations reach before the whole set is asked. */
    private static final int LOCAL_RADIUS = 2;

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
        BitSet open = (BitSet) primary.clone();
        double[] reach = new double[p.size()];
        int[] setOf = new int[p.size()];
        while (true) {
            int sets = ask(p, masked, primary, open, proven, reach, setOf);
            open.andNot(proven);
            if (open.isEmpty()) {
                break;
            }
            // the first short cell of each linked set gets its complement from its exact maximum; the others of the
            // set, whose maxima that complement may have raised, only where a relaxation still shows them short
            BitSet complemented = new BitSet(sets);
            for (int cell = open.nextSetBit(0); cell >= 0; cell = open.nextSetBit(cell + 1)) {
                if (!complemented.get(setOf[cell])) {
                    complemented.set(setOf[cell]);
                    masked.set(complementFor(p, masked, cell, reach[cell]));
                } else {
                    double relaxed = relaxedReach(p, masked, cell);
                    if (relaxed < SMALLEST_SHOWN - 1e-6) {
                        masked.set(complementFor(p, masked, cell, relaxed));
                    }
                }
            }
        }
        BitSet left = (BitSet) primary.clone();
        left.andNot(proven);
        int unaudited = left.cardinality();
        return new Masking(p, primary, masked, true, unaudited);
    }

    /**
     * Asks, for each open small cell, how far it can rise: one warm-started {@link LinkedTableau} per linked set, its
     * open cells raised one after another; each point it reaches is checked against the relations and proves every
     * small cell at 11 or more there. Where a cell stays below 11, {@code reach} holds its maximum (the attacker's
     * answer for the present masks). Returns how many linked sets were asked ({@code setOf} numbers them).
     */
    private static int ask(
            Publication p, BitSet masked, BitSet primary, BitSet open, BitSet proven, double[] reach, int[] setOf) {
        BitSet seen = new BitSet();
        int sets = 0;
        for (int cell = open.nextSetBit(0); cell >= 0; cell = open.nextSetBit(cell + 1)) {
            if (seen.get(cell)) {
                continue;
            }
            BitSet unknowns = component(p, masked, cell);
            seen.or(unknowns);
            var tableau = new LinkedTableau(p, masked, unknowns, p.largest() + SMALLEST_SHOWN, false);
            for (int j = 0; j < tableau.cells.length; j++) {
                int c = tableau.cells[j];
                if (!open.get(c) || proven.get(c)) {
                    continue;
                }
                setOf[c] = sets;
                double value = tableau.maximise(j, SMALLEST_SHOWN, 20 * tableau.cells.length + 1_000);
                if (Double.isNaN(value) || !tableau.verified()) {
                    // rounding has built up over many steps: a new tableau from the true figures, asked again
                    tableau = new LinkedTableau(p, masked, unknowns, p.largest() + SMALLEST_SHOWN, false);
                    value = tableau.maximise(j, SMALLEST_SHOWN, 20 * tableau.cells.length + 1_000);
                }
                if (!Double.isNaN(value) && tableau.verified()) {
                    for (int k = 0; k < tableau.cells.length; k++) {
                        if (primary.get(tableau.cells[k]) && tableau.value(k) >= SMALLEST_SHOWN - 1e-6) {
                            proven.set(tableau.cells[k]);
                        }
                    }
                } else {
                    // the tableau did not settle it even afresh: the ready-made solver, from scratch
                    value = new LinkedSet(p, masked, unknowns, false)
                            .bound(c, true)
                            .prove(primary, proven)
                            .value();
                }
                reach[c] = value;
            }
            sets++;
        }
        return sets;
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
     * An upper bound on the largest value the cell can take, from programmes smaller than its linked set: the unknowns
     * within one, then two relations of the cell, with the relations reaching beyond them dropped (a relaxation: its
     * maximum is at least the attacker's). The first below 11 shows a complement is needed, and by how much the cell
     * must still be able to rise; infinity when none is below 11 (then only the whole set can tell).
     */
    private static double relaxedReach(Publication p, BitSet masked, int cell) {
        BitSet ball = new BitSet();
        ball.set(cell);
        for (int radius = 1; radius <= LOCAL_RADIUS; radius++) {
            BitSet grown = grow(p, masked, ball);
            if (grown.cardinality() == ball.cardinality()) {
                break;
            }
            ball = grown;
            var relaxation = new LinkedTableau(p, masked, ball, RELAXED_CAP, true);
            double relaxed =
                    relaxation.maximise(relaxation.column(cell), SMALLEST_SHOWN, 20 * ball.cardinality() + 1_000);
            if (relaxed < SMALLEST_SHOWN - 1e-6) {
                return relaxed;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static int complementFor(Publication p, BitSet masked, int cell, double reach) {
        int best = complement(p, masked, cell, (long) Math.ceil(SMALLEST_SHOWN - reach - 1e-6));
        if (best < 0) {
            throw new IllegalStateException("no complementary cell can protect " + p.key(cell));
        }
        return best;
    }

    /** The unknowns within one more relation of these. */
    private static BitSet grow(Publication p, BitSet masked, BitSet ball) {
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
        return grown;
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
