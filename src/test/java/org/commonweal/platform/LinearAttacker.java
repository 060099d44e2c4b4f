package org.commonweal.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
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
     */
    public List<Interval> breaches() {
        List<Interval> out = new ArrayList<>();
        for (String m : masked) {
            double high = solve(m, true);
            if (high < CellSuppression.SMALLEST_SHOWN - 1e-6) {
                out.add(new Interval(m, solve(m, false), high));
            }
        }
        return out;
    }

    public Interval interval(String name) {
        return new Interval(name, solve(name, false), solve(name, true));
    }

    private double solve(String target, boolean max) {
        var model = new ExpressionsBasedModel();
        Map<String, Variable> vars = new LinkedHashMap<>();
        double cap = 1e7;
        for (String m : masked) {
            vars.putIfAbsent(m, model.addVariable(m).lower(1).upper(cap));
        }
        for (String u : unpublished) {
            vars.putIfAbsent(u, model.addVariable(u).lower(0).upper(cap));
        }
        vars.get(target).weight(1);
        int n = 0;
        for (List<String> r : sums) {
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
            e.lower(rhs).upper(rhs);
        }
        var result = max ? model.maximise() : model.minimise();
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("published figures are inconsistent (" + target + ")");
        }
        return result.getValue();
    }
}
