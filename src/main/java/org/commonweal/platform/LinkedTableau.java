package org.commonweal.platform;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The attacker's programme over one linked set of unknowns, kept between questions: a bounded-variable primal simplex
 * (Dantzig's rule, Bland's rule against cycling on degenerate steps) on a dense tableau, warm-started from the last
 * optimum. It starts from the true figures, a point that satisfies every relation, with one artificial variable per
 * relation held at 0 as the first basis; so it never needs a first phase, and every point it visits satisfies what the
 * reader knows. Asking for the largest value of one count after another goes on from the point and basis the last
 * question left (a new objective keeps the point feasible: the primal simplex needs no restart), which is where the
 * ready-made solver spent its time (a model rebuilt and solved from scratch per question).
 *
 * <p>Only a point proves a cell protected, and {@link #verified()} checks each point against the publication's own
 * relations before it proves anything; an answer below 11 only ever adds a complement. So a rounding slip can cost a
 * mask too many, never a count given away; a question that does not settle within its step limit says so, and the
 * caller asks the ready-made solver instead.
 */
final class LinkedTableau {

    private static final double EPS = 1e-9;

    private final Publication p;
    /** The unknown cells, one column each. */
    final int[] cells;

    private final int[] rows;
    private final double[][] t;
    private final double[] x;
    private final double[] lo;
    private final double[] hi;
    /** The basic column of each row, or -1 for the row's artificial variable (held at 0). */
    private final int[] basic;
    /** The row a column is basic in, or -1. */
    private final int[] rowOf;

    private long steps;

    /**
     * The programme over these unknowns with every count at most {@code cap}; any other unknown is held at its true
     * value, or, when {@code relaxed}, the relations that reach it are dropped (so the maximum can only rise).
     */
    LinkedTableau(Publication p, BitSet masked, BitSet unknowns, double cap, boolean relaxed) {
        this.p = p;
        this.cells = unknowns.stream().toArray();
        int[] column = new int[p.size()];
        Arrays.fill(column, -1);
        for (int i = 0; i < cells.length; i++) {
            column[cells[i]] = i;
        }
        BitSet involved = new BitSet();
        for (int c : cells) {
            for (int r : p.relationsOf(c)) {
                involved.set(r);
            }
        }
        if (relaxed) {
            for (int r = involved.nextSetBit(0); r >= 0; r = involved.nextSetBit(r + 1)) {
                for (int c : p.relations().get(r)) {
                    if (column[c] < 0 && (masked.get(c) || !p.published(c))) {
                        involved.clear(r);
                        break;
                    }
                }
            }
        }
        this.rows = involved.stream().toArray();
        int m = rows.length;
        int n = cells.length;
        this.t = new double[m][n];
        for (int i = 0; i < m; i++) {
            int[] r = p.relations().get(rows[i]);
            for (int k = 0; k < r.length; k++) {
                if (column[r[k]] >= 0) {
                    t[i][column[r[k]]] += k == 0 ? -1 : 1;
                }
            }
        }
        this.x = new double[n];
        this.lo = new double[n];
        this.hi = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = p.value(cells[j]);
            lo[j] = masked.get(cells[j]) ? 1 : 0;
            hi[j] = cap;
        }
        this.basic = new int[m];
        Arrays.fill(basic, -1);
        this.rowOf = new int[n];
        Arrays.fill(rowOf, -1);
    }

    /** The column of a cell of the set. */
    int column(int cell) {
        int j = Arrays.binarySearch(cells, cell);
        if (j < 0) {
            throw new IllegalArgumentException("not an unknown of this set: " + cell);
        }
        return j;
    }

    /** The value a column holds at the current point. */
    double value(int column) {
        return x[column];
    }

    long steps() {
        return steps;
    }

    /**
     * Raises column {@code target} as far as the relations allow, stopping as soon as it reaches {@code enough}: the
     * value reached (then the maximum when below {@code enough}), or NaN when {@code limit} simplex steps did not settle
     * it.
     */
    double maximise(int target, double enough, int limit) {
        int degenerate = 0;
        for (int step = 0; step < limit; step++) {
            if (x[target] >= enough - EPS) {
                return x[target];
            }
            steps++;
            boolean bland = degenerate > 50;
            int r = rowOf[target];
            int enter = -1;
            int direction = 0;
            double best = 0;
            if (r < 0) {
                if (x[target] < hi[target] - EPS) {
                    enter = target;
                    direction = 1;
                }
            } else {
                double[] row = t[r];
                for (int j = 0; j < row.length; j++) {
                    double a = row[j];
                    if (rowOf[j] >= 0 || Math.abs(a) <= EPS) {
                        continue;
                    }
                    // x_target moves by -a per unit of x_j
                    int s = a < 0 ? 1 : -1;
                    if (s > 0 ? x[j] >= hi[j] - EPS : x[j] <= lo[j] + EPS) {
                        continue;
                    }
                    if (Math.abs(a) > best) {
                        best = Math.abs(a);
                        enter = j;
                        direction = s;
                        if (bland) {
                            break;
                        }
                    }
                }
            }
            if (enter < 0) {
                return x[target]; // optimal
            }
            double theta = direction > 0 ? hi[enter] - x[enter] : x[enter] - lo[enter];
            int leave = -1;
            for (int i = 0; i < rows.length; i++) {
                double a = t[i][enter];
                if (Math.abs(a) <= EPS) {
                    continue;
                }
                double move = -direction * a; // change of the row's basic variable per unit step
                double v = basic[i] < 0 ? 0 : x[basic[i]];
                double low = basic[i] < 0 ? 0 : lo[basic[i]];
                double high = basic[i] < 0 ? 0 : hi[basic[i]];
                double limitHere = Math.max(0, move < 0 ? (v - low) / -move : (high - v) / move);
                if (limitHere < theta - 1e-12
                        || (leave >= 0
                                && limitHere <= theta + 1e-12
                                && (bland ? order(i) < order(leave) : Math.abs(a) > Math.abs(t[leave][enter])))) {
                    theta = limitHere;
                    leave = i;
                }
            }
            if (theta > 1e8) {
                return Double.NaN; // unbounded: cannot happen with every count capped
            }
            degenerate = theta < 1e-12 ? degenerate + 1 : 0;
            x[enter] += direction * theta;
            for (int i = 0; i < rows.length; i++) {
                double a = t[i][enter];
                if (basic[i] >= 0 && a != 0) {
                    x[basic[i]] -= direction * theta * a;
                }
            }
            if (leave < 0) {
                continue; // the entering column reached its own bound
            }
            int out = basic[leave];
            if (out >= 0) {
                // it left at the bound it reached
                double a = t[leave][enter];
                x[out] = -direction * a < 0 ? lo[out] : hi[out];
                rowOf[out] = -1;
            }
            pivot(leave, enter);
            basic[leave] = enter;
            rowOf[enter] = leave;
        }
        return Double.NaN;
    }

    /** Bland's order of a row's basic variable: columns first, artificial variables after. */
    private int order(int row) {
        return basic[row] >= 0 ? basic[row] : cells.length + row;
    }

    private void pivot(int r, int enter) {
        double[] pr = t[r];
        double inv = 1 / pr[enter];
        int nonzero = 0;
        int[] nz = new int[pr.length];
        for (int j = 0; j < pr.length; j++) {
            if (pr[j] != 0) {
                pr[j] *= inv;
                if (Math.abs(pr[j]) < 1e-12) {
                    pr[j] = 0;
                } else {
                    nz[nonzero++] = j;
                }
            }
        }
        pr[enter] = 1;
        for (int i = 0; i < rows.length; i++) {
            double[] row = t[i];
            double f = row[enter];
            if (i == r || f == 0) {
                continue;
            }
            for (int k = 0; k < nonzero; k++) {
                int j = nz[k];
                double v = row[j] - f * pr[j];
                row[j] = Math.abs(v) < 1e-12 ? 0 : v;
            }
            row[enter] = 0;
        }
    }

    /**
     * Whether the current point satisfies every relation of the publication among these unknowns (to a millionth of a
     * person) and every bound: checked against the figures themselves, not the tableau, before the point proves
     * anything.
     */
    boolean verified() {
        int[] column = new int[p.size()];
        Arrays.fill(column, -1);
        for (int j = 0; j < cells.length; j++) {
            if (x[j] < lo[j] - 1e-7 || x[j] > hi[j] + 1e-7) {
                return false;
            }
            column[cells[j]] = j;
        }
        for (int ri : rows) {
            int[] r = p.relations().get(ri);
            double residual = 0;
            for (int k = 0; k < r.length; k++) {
                double v = column[r[k]] >= 0 ? x[column[r[k]]] : p.value(r[k]);
                residual += k == 0 ? -v : v;
            }
            if (Math.abs(residual) > 1e-6) {
                return false;
            }
        }
        return true;
    }
}
