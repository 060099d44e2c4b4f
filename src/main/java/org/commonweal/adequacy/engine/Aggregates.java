package org.commonweal.adequacy.engine;

import java.util.Arrays;

/**
 * The ZIP aggregates of a run summed batch by batch, for a run that does not keep its members' records
 * ({@link AdequacyEngine#start(long)}): members, met, met by miles, by minutes and by the alternative, maximum and
 * summed miles per ZIP, product line and provider type. Laid out ZIP first so it grows as the run meets new ZIPs.
 * Each cell adds up its members in run order, the order of {@link Snapshot#aggregate}, so the sums are the same.
 */
final class Aggregates {

    final int lines;
    final int types;
    long members;
    int[] count = new int[0];
    int[] met = new int[0];
    int[] byMiles = new int[0];
    int[] byMinutes = new int[0];
    int[] byAlternative = new int[0];
    double[] maxMiles = new double[0];
    double[] sumMiles = new double[0];

    Aggregates(int lines, int types) {
        this.lines = lines;
        this.types = types;
    }

    int cell(int zip, int pl, int t) {
        return (zip * lines + pl) * types + t;
    }

    void fold(MemberBatch b) {
        for (int i = 0; i < b.size; i++) {
            int pl = b.productLine[i];
            if (pl < 0) {
                continue;
            }
            members++;
            grow(b.zip[i] + 1);
            int base = cell(b.zip[i], pl, 0);
            for (int t = 0; t < types; t++) {
                int c = base + t;
                int f = b.flags(i, t);
                double miles = b.miles[i * types + t];
                count[c]++;
                if (f != 0) {
                    met[c]++;
                }
                if ((f & Standard.BY_MILES) != 0) {
                    byMiles[c]++;
                }
                if ((f & Standard.BY_MINUTES) != 0) {
                    byMinutes[c]++;
                }
                if ((f & Standard.BY_ALTERNATIVE) != 0) {
                    byAlternative[c]++;
                }
                maxMiles[c] = Math.max(maxMiles[c], miles);
                sumMiles[c] += miles;
            }
        }
    }

    private void grow(int zips) {
        int cells = zips * lines * types;
        if (cells <= count.length) {
            return;
        }
        int size = Math.max(cells, count.length * 2);
        count = Arrays.copyOf(count, size);
        met = Arrays.copyOf(met, size);
        byMiles = Arrays.copyOf(byMiles, size);
        byMinutes = Arrays.copyOf(byMinutes, size);
        byAlternative = Arrays.copyOf(byAlternative, size);
        maxMiles = Arrays.copyOf(maxMiles, size);
        sumMiles = Arrays.copyOf(sumMiles, size);
    }
}
