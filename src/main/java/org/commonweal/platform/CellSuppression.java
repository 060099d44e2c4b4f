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
 */
public final class CellSuppression {

    /** What stands in place of a masked figure, in every page, chart label, export and brief. */
    public static final String MASK = "*";
    /** The smallest count that may be shown: 1 to 10 are masked. */
    public static final int SMALLEST_SHOWN = 11;
    /**
     * The largest set of linked unknowns the linear-programming audit takes on (a programme per small cell over
     * thousands of variables would take minutes per view). Beyond it the relation-by-relation closure stands alone,
     * and {@link Masking#unaudited()} says for how many small cells.
     */
    static final int AUDIT_LIMIT = 400;

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
        int unaudited = 0;
        for (int cell = primary.nextSetBit(0); cell >= 0; cell = primary.nextSetBit(cell + 1)) {
            unaudited += protectCell(p, masked, cell) ? 0 : 1;
        }
        return new Masking(p, primary, masked, true, unaudited);
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

    /** Masks complements until the cell is protected; false when its linked unknowns are too many to audit. */
    private static boolean protectCell(Publication p, BitSet masked, int cell) {
        while (true) {
            BitSet unknowns = component(p, masked, cell);
            if (unknowns.cardinality() > AUDIT_LIMIT) {
                return false;
            }
            if (bound(p, masked, unknowns, cell, true) >= SMALLEST_SHOWN) {
                return true;
            }
            List<Integer> candidates = candidates(p, masked, cell);
            if (candidates.isEmpty()) {
                throw new IllegalStateException("no complementary cell can protect " + p.key(cell));
            }
            // the cheapest cell sharing a relation with the cell itself, else the cheapest around its masked neighbours
            int best = candidates.getFirst();
            for (int c : candidates) {
                if (sharesRelation(p, c, cell)) {
                    best = c;
                    break;
                }
            }
            masked.set(best);
        }
    }

    private static boolean sharesRelation(Publication p, int a, int b) {
        for (int r : p.relationsOf(a)) {
            if (p.relationsOf(b).contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** Shown non-zero cells in a relation with the cell's connected unknowns, smallest first. */
    private static List<Integer> candidates(Publication p, BitSet masked, int cell) {
        BitSet unknowns = component(p, masked, cell);
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
        // every count is at most the largest published one; a cell free of any relation reaches it (or 11)
        double cap = p.largest() + SMALLEST_SHOWN;
        Optimisation.Result result = solve(p, masked, unknowns, cell, max, cap, 0);
        if (!result.getState().isFeasible()) {
            // the true counts satisfy every relation; a solver that finds none is stuck on rounding, so the
            // equations are given a hair of slack (a thousandth of a person changes no bound that matters)
            result = solve(p, masked, unknowns, cell, max, cap, 1e-3);
        }
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("the published figures are inconsistent around " + p.key(cell) + " ("
                    + result.getState() + ", " + unknowns.cardinality() + " unknowns)");
        }
        return result.getValue();
    }

    private static Optimisation.Result solve(
            Publication p, BitSet masked, BitSet unknowns, int cell, boolean max, double cap, double slack) {
        var model = new ExpressionsBasedModel();
        Variable[] vars = new Variable[p.size()];
        for (int c = unknowns.nextSetBit(0); c >= 0; c = unknowns.nextSetBit(c + 1)) {
            // zeros are always shown, so a masked cell is at least 1; an unpublished one may be 0
            vars[c] = model.addVariable("x" + c).lower(masked.get(c) ? 1 : 0).upper(cap);
        }
        vars[cell].weight(1);
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
