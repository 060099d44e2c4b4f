package org.commonweal.adequacy.engine;

import java.util.Arrays;

/**
 * Per cell (a product line, provider type and ZIP): members, met, met by miles, by minutes and by the alternative,
 * maximum and summed miles to the nearest location. A {@link Snapshot} keeps them laid out by line and type; a run
 * that does not keep its members' records ({@link AdequacyEngine#start(long)}) folds its batches into one laid out
 * ZIP first ({@link #fold}), so it grows as the run meets new ZIPs. Each cell adds up its members in run order either
 * way, so the sums are the same.
 */
final class Aggregates {

    int[] members;
    int[] met;
    int[] byMiles;
    int[] byMinutes;
    int[] byAlternative;
    double[] maxMiles;
    double[] sumMiles;
    /** Members folded (each counted once, whatever the number of types). */
    long folded;

    Aggregates(int cells) {
        members = new int[cells];
        met = new int[cells];
        byMiles = new int[cells];
        byMinutes = new int[cells];
        byAlternative = new int[cells];
        maxMiles = new double[cells];
        sumMiles = new double[cells];
    }

    /** Counts one member's outcome for one provider type: its flags and the miles to its nearest location. */
    void add(int c, int flags, double miles) {
        members[c]++;
        if (flags != 0) {
            met[c]++;
        }
        if ((flags & Standard.BY_MILES) != 0) {
            byMiles[c]++;
        }
        if ((flags & Standard.BY_MINUTES) != 0) {
            byMinutes[c]++;
        }
        if ((flags & Standard.BY_ALTERNATIVE) != 0) {
            byAlternative[c]++;
        }
        maxMiles[c] = Math.max(maxMiles[c], miles);
        sumMiles[c] += miles;
    }

    void clear(int from, int to) {
        Arrays.fill(members, from, to, 0);
        Arrays.fill(met, from, to, 0);
        Arrays.fill(byMiles, from, to, 0);
        Arrays.fill(byMinutes, from, to, 0);
        Arrays.fill(byAlternative, from, to, 0);
        Arrays.fill(maxMiles, from, to, 0);
        Arrays.fill(sumMiles, from, to, 0);
    }

    /** Copies cell {@code from} into cell {@code to} of {@code target}. */
    void copy(int from, Aggregates target, int to) {
        target.members[to] = members[from];
        target.met[to] = met[from];
        target.byMiles[to] = byMiles[from];
        target.byMinutes[to] = byMinutes[from];
        target.byAlternative[to] = byAlternative[from];
        target.maxMiles[to] = maxMiles[from];
        target.sumMiles[to] = sumMiles[from];
    }

    /** The cell of a ZIP-first layout ({@link #fold}). */
    static int zipFirst(int zip, int pl, int t, int lines, int types) {
        return (zip * lines + pl) * types + t;
    }

    /** Adds a computed batch's members, in order, to this ZIP-first layout of {@code lines} × {@code types}. */
    void fold(MemberBatch b, int lines, int types) {
        for (int i = 0; i < b.size; i++) {
            int pl = b.productLine[i];
            if (pl < 0) {
                continue;
            }
            folded++;
            int base = zipFirst(b.zip[i], pl, 0, lines, types);
            grow(base + types);
            for (int t = 0; t < types; t++) {
                add(base + t, b.flags(i, t), b.miles[i * types + t]);
            }
        }
    }

    private void grow(int cells) {
        if (cells <= members.length) {
            return;
        }
        int size = Math.max(cells, members.length * 2);
        members = Arrays.copyOf(members, size);
        met = Arrays.copyOf(met, size);
        byMiles = Arrays.copyOf(byMiles, size);
        byMinutes = Arrays.copyOf(byMinutes, size);
        byAlternative = Arrays.copyOf(byAlternative, size);
        maxMiles = Arrays.copyOf(maxMiles, size);
        sumMiles = Arrays.copyOf(sumMiles, size);
    }
}
