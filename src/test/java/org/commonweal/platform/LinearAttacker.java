package org.commonweal.platform;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

/**
 * The attacker of the disclosure tests, written apart from {@link CellSuppression}: it reads what was published (a
 * figure's text, the mask, or nothing) and what anyone knows of how the figures add up, and computes by linear
 * programming the tightest interval each masked figure can take. A masked figure must be able to reach
 * {@value CellSuppression#SMALLEST_SHOWN}: otherwise the reader learns it is a count from 1 to 10 (or its exact value).
 */
public final class LinearAttacker {

    private final Map<String, Long> known = new LinkedHashMap<>();
    private final List<String> masked = new ArrayList<>();
    private final List<String> unpublished = new ArrayList<>();
    private final List<List<String>> sums = new ArrayList<>();
    private int tables;
    /** Whether the next spread holds its figures to at most 11 rather than summing y = min(x, 11). */
    private boolean cappedSpread;
    /** The slack on each equation of the next programme (0 but for one stuck on rounding). */
    private double slack;

    /** A figure as published: digits (a count), the mask, or blank. */
    public LinearAttacker read(String name, String text) {
        String t = text.strip().replace(",", "");
        if (t.equals(CellSuppression.MASK)) {
            masked.add(name);
        } else if (t.matches("\\d+")) {
            known.put(name, Long.parseLong(t));
        } else {
            throw new IllegalArgumentException(name + ": neither a count nor the mask: " + text);
        }
        return this;
    }

    /** A figure the reader knows exists but that was not published (only that it is not negative). */
    public LinearAttacker unpublished(String name) {
        unpublished.add(name);
        return this;
    }

    /** What the reader knows: {@code total} is the sum of {@code parts}. */
    public LinearAttacker sum(String total, List<String> parts) {
        List<String> r = new ArrayList<>();
        r.add(total);
        r.addAll(parts);
        sums.add(r);
        return this;
    }

    public LinearAttacker table() {
        tables++;
        return this;
    }

    public int tables() {
        return tables;
    }

    public int cells() {
        return known.size() + masked.size();
    }

    public List<String> masked() {
        return masked;
    }

    public record Interval(String name, double low, double high) {}

    /**
     * The masked figures the reader can prove to be from 1 to 10 (the largest value they can take is below 11: this
     * also catches a small count pinned to its value). A masked figure that can be worked back to 11 or more gives no
     * one away and is not a breach of the rule.
     *
     * <p>Two exact shortcuts keep this affordable over tens of thousands of figures; neither changes an answer. The
     * relations split into blocks that share no unknown figure, and a figure's largest value depends only on its own
     * block (the others are satisfied by the true figures whatever it takes). And every solution of a block is a
     * point the published figures allow: each masked figure that takes 11 or more in it can reach 11, so it needs no
     * programme of its own (such points are sought again for the figures left, while one brings any more to 11).
     */
    public List<Interval> breaches() {
        return breaches(null);
    }

    /**
     * As {@link #breaches()}, for the masked figures among {@code figures} only (null: all of them), such as the
     * masked small counts of a table too large to check every complement of in a unit test.
     */
    public List<Interval> breaches(Set<String> figures) {
        List<Interval> out = new ArrayList<>();
        List<List<String>> blocks = blocks();
        Map<String, Integer> blockOf = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            for (String n : blocks.get(b)) {
                blockOf.put(n, b);
            }
        }
        List<List<List<String>>> relationsOf = new ArrayList<>();
        blocks.forEach(b -> relationsOf.add(new ArrayList<>()));
        for (List<String> r : sums) {
            r.stream()
                    .filter(blockOf::containsKey)
                    .findFirst()
                    .ifPresent(n -> relationsOf.get(blockOf.get(n)).add(r));
        }
        for (int b = 0; b < blocks.size(); b++) {
            List<String> block = blocks.get(b);
            List<List<String>> relations = relationsOf.get(b);
            Set<String> reaching = new HashSet<>();
            // first points where as many masked figures as possible reach 11 (each y at most its x and 11), again for
            // the figures left while a point brings any more to 11
            Set<String> maskedSet = new HashSet<>(masked);
            while (true) {
                Set<String> open = new HashSet<>();
                block.stream()
                        .filter(n -> maskedSet.contains(n) && !reaching.contains(n))
                        .filter(n -> figures == null || figures.contains(n))
                        .forEach(open::add);
                int before = reaching.size();
                var all = open.isEmpty() ? null : spread(block, relations, open);
                for (int i = 0; all != null && all.getState().isFeasible() && i < block.size(); i++) {
                    if (all.doubleValue(i) >= CellSuppression.SMALLEST_SHOWN - 1e-6) {
                        reaching.add(block.get(i));
                    }
                }
                if (reaching.size() == before) {
                    break;
                }
            }
            for (String m : block) {
                if (!maskedSet.contains(m) || reaching.contains(m) || (figures != null && !figures.contains(m))) {
                    continue;
                }
                var result = solveOrWhole(block, relations, m, true);
                for (int i = 0; result.getState() != Optimisation.State.APPROXIMATE && i < block.size(); i++) {
                    if (result.doubleValue(i) >= CellSuppression.SMALLEST_SHOWN - 1e-6) {
                        reaching.add(block.get(i));
                    }
                }
                double high = result.getValue();
                if (high < CellSuppression.SMALLEST_SHOWN - 1e-6) {
                    out.add(new Interval(
                            m, solveOrWhole(block, relations, m, false).getValue(), high));
                }
            }
        }
        return out;
    }

    public Interval interval(String name) {
        return new Interval(name, solve(name, false), solve(name, true));
    }

    /** The unknown figures (masked or unpublished) in groups tied together by relations, each in one group. */
    private List<List<String>> blocks() {
        Map<String, String> parent = new LinkedHashMap<>();
        masked.forEach(m -> parent.put(m, m));
        unpublished.forEach(u -> parent.put(u, u));
        for (List<String> r : sums) {
            String first = null;
            for (String name : r) {
                if (parent.containsKey(name)) {
                    if (first == null) {
                        first = name;
                    } else {
                        parent.put(root(parent, name), root(parent, first));
                    }
                } else if (!known.containsKey(name)) {
                    throw new IllegalArgumentException("relation names an unread figure: " + name);
                }
            }
            if (first == null && r.stream().skip(1).mapToLong(known::get).sum() != known.get(r.getFirst())) {
                throw new IllegalStateException("published figures are inconsistent (" + r + ")");
            }
        }
        Map<String, List<String>> blocks = new LinkedHashMap<>();
        parent.keySet()
                .forEach(n -> blocks.computeIfAbsent(root(parent, n), k -> new ArrayList<>())
                        .add(n));
        return new ArrayList<>(blocks.values());
    }

    private static String root(Map<String, String> parent, String name) {
        String r = name;
        while (!parent.get(r).equals(r)) {
            r = parent.get(r);
        }
        for (String n = name; !n.equals(r); ) {
            String next = parent.get(n);
            parent.put(n, r);
            n = next;
        }
        return r;
    }

    private double solve(String target, boolean max) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(masked));
        unpublished.stream().filter(u -> !all.contains(u)).forEach(all::add);
        return solve(all, sums, null, target, max).getValue();
    }

    /**
     * The block's programme; should the solver find no point in it (it has done so on a block that the whole programme
     * solves, the same equations in another company), the whole programme as this attacker always solved it. Its
     * answer is marked APPROXIMATE only so that its point, indexed otherwise, is not read as the block's.
     */
    private Optimisation.Result solveOrWhole(
            List<String> block, List<List<String>> relations, String target, boolean max) {
        try {
            return solve(block, relations, null, target, max);
        } catch (IllegalStateException stalled) {
            return Optimisation.Result.of(solve(target, max), Optimisation.State.APPROXIMATE, new double[0]);
        }
    }

    /** Only a shortcut: a solver that stalls on this larger programme proves nothing, and each figure gets its own. */
    private Optimisation.Result spread(List<String> unknowns, List<List<String>> relations, Set<String> asked) {
        Optimisation.Result capped;
        try {
            cappedSpread = true;
            capped = solve(unknowns, relations, asked, null, true, 1e7);
        } finally {
            cappedSpread = false;
        }
        if (capped.getState().isFeasible()) {
            return capped;
        }
        try {
            return solve(unknowns, relations, asked, null, true);
        } catch (IllegalStateException stalled) {
            return Optimisation.Result.of(0, Optimisation.State.FAILED, new double[0]);
        }
    }

    private Optimisation.Result solve(
            List<String> unknowns, List<List<String>> relations, Set<String> asked, String target, boolean max) {
        var result = solve(unknowns, relations, asked, target, max, 1e7);
        if (!result.getState().isFeasible()) {
            // the simplex can lose its way with bounds far beyond the figures: no count exceeds all the published
            // ones together, so that bound (which leaves the reader less room, never more) is tried before giving up
            double all = known.values().stream().mapToLong(Long::longValue).sum() + CellSuppression.SMALLEST_SHOWN;
            result = solve(unknowns, relations, asked, target, max, all);
        }
        if (!result.getState().isFeasible()) {
            // still stuck on rounding (seen once on a linked set of 1,800 unknowns): a thousandth of a person of slack
            // on
            // each equation, which moves no bound across 11 that matters
            try {
                slack = 1e-3;
                result = solve(unknowns, relations, asked, target, max, 1e7);
            } finally {
                slack = 0;
            }
        }
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException(
                    "published figures are inconsistent (" + (target == null ? unknowns.getFirst() : target) + ")");
        }
        return result;
    }

    private Optimisation.Result solve(
            List<String> unknowns,
            List<List<String>> relations,
            Set<String> asked,
            String target,
            boolean max,
            double cap) {
        var model = new ExpressionsBasedModel();
        Map<String, Variable> vars = new LinkedHashMap<>();
        Set<String> maskedSet = new HashSet<>(masked);
        for (String u : unknowns) {
            vars.putIfAbsent(
                    u, model.addVariable(u).lower(maskedSet.contains(u) ? 1 : 0).upper(cap));
        }
        if (target != null) {
            vars.get(target).weight(1);
        } else {
            // no target: the most of the asked figures at 11 or more. Held to at most 11 each (a point of that narrower
            // programme is a point the published figures allow), their sum maximised; when holding them so leaves no
            // point (a masked figure above 11), through y = min(x, 11) summed instead
            for (String u : unknowns) {
                if (asked.contains(u)) {
                    if (cappedSpread) {
                        vars.get(u).upper(CellSuppression.SMALLEST_SHOWN).weight(1);
                    } else {
                        Variable y = model.addVariable("y:" + u)
                                .lower(0)
                                .upper(CellSuppression.SMALLEST_SHOWN)
                                .weight(1);
                        model.addExpression("y<=x:" + u)
                                .set(y, 1)
                                .set(vars.get(u), -1)
                                .upper(0);
                    }
                }
            }
        }
        int n = 0;
        for (List<String> r : relations) {
            Expression e = model.addExpression("s" + n++);
            double rhs = 0;
            for (int k = 0; k < r.size(); k++) {
                double coefficient = k == 0 ? -1 : 1;
                String name = r.get(k);
                if (vars.containsKey(name)) {
                    e.set(vars.get(name), coefficient);
                } else if (known.containsKey(name)) {
                    rhs -= coefficient * known.get(name);
                } else {
                    throw new IllegalArgumentException("relation names an unread figure: " + name);
                }
            }
            e.lower(rhs - slack).upper(rhs + slack);
        }
        return max ? model.maximise() : model.minimise();
    }
}
