package org.commonweal.network.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Find a Doctor's result counts, kept a few minutes per search (#22). A broad circle's exact count reads every role
 * in it (0.5–1 s at full scale), and it does not change with the page or the sort: the first page pays it, and the
 * other pages, Back, a change of sort and the next person searching the same place and filters read it from here, as
 * the big finders do (count once per search, page without recounting). Keyed by the count's SQL and arguments, so two
 * searches share a count only when they are the same search. A count can be up to {@code
 * commonweal.directory.count-minutes} old after the directory changes; the page items themselves are always fresh.
 */
@Component
class DirectoryCounts {

    private final Cache<String, Long> counts;

    DirectoryCounts(@Value("${commonweal.directory.count-minutes:5}") long minutes) {
        this.counts = Caffeine.newBuilder()
                .maximumSize(20_000)
                .expireAfterWrite(Duration.ofMinutes(minutes))
                .recordStats()
                .build();
    }

    long count(String sql, List<Object> args, Supplier<Long> count) {
        // not Cache.get(key, loader): that makes every request for the same search wait on the first one's count,
        // so a stalled database held them all past the fail-fast time-out (DatabaseStallIntegrationTests: 23 s);
        // two first views of one search may both count, and each fails fast on its own
        String key = sql + '\u0000' + Arrays.deepToString(args.toArray());
        Long known = counts.getIfPresent(key);
        if (known != null) {
            return known;
        }
        long counted = count.get();
        counts.put(key, counted);
        return counted;
    }

    /** How often a count was found here (hits) and run (misses). */
    com.github.benmanes.caffeine.cache.stats.CacheStats stats() {
        return counts.stats();
    }

    /** Forgets every count (a test, or after a directory load in this process). */
    void clear() {
        counts.invalidateAll();
    }
}
