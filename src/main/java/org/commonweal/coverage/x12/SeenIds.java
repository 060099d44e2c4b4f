package org.commonweal.coverage.x12;

import java.util.Collection;

/**
 * The member ids a first load has written so far, as a Bloom filter (issue #23): {@link #mightContain} is never false
 * for an id added, and true for an id never added about once in a hundred at the expected size. A first load starts
 * on empty member and span tables, so an id it has not written cannot be in them (a concurrent writer is caught by
 * the unique keys, as before): the chunk's index probes ask only for the ids the filter might have seen, about 1 % of
 * a file without repeats instead of every id. 2.9 M ids take 3.5 MB.
 */
final class SeenIds {

    private final long[] bits;
    private final int mask;

    /** Sized for {@code expected} ids at about 1 % false positives (10 bits an id, a power of two, 32 MB at most). */
    SeenIds(long expected) {
        long wanted = Math.max(1L << 16, 10L * expected);
        long size = Math.min(Long.highestOneBit(wanted - 1) << 1, 1L << 28);
        bits = new long[(int) (size >>> 6)];
        mask = (int) (size - 1);
    }

    void addAll(Collection<String> ids) {
        ids.forEach(this::add);
    }

    void add(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < 7; i++) {
            int bit = (h1 + i * h2) & mask;
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    boolean mightContain(String id) {
        long h = hash(id);
        int h1 = (int) h;
        int h2 = (int) (h >>> 32);
        for (int i = 0; i < 7; i++) {
            int bit = (h1 + i * h2) & mask;
            if ((bits[bit >>> 6] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** 64 bits of FNV-1a over the id's characters, then a finalizer that spreads them. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
