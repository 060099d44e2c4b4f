package org.commonweal.centers.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.commonweal.centers.RegistrationChanged;
import org.commonweal.centers.schedule.ScheduleChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the public calendar shows (rendered session lists, the centers, the languages), kept until the schedule or a
 * registration changes. A change made on this instance drops everything once its transaction commits; a change made
 * on another instance of the cluster shows after at most {@code commonweal.centers.calendar-cache-seconds} (10).
 */
@Component
class CalendarCache {

    private static final int MAX_ENTRIES = 2_000;

    private record Entry(long generation, long expiresAt, Object value) {}

    private final AtomicLong generation = new AtomicLong();
    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;

    CalendarCache(@Value("${commonweal.centers.calendar-cache-seconds:10}") long seconds) {
        this.ttlNanos = seconds * 1_000_000_000L;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> load) {
        long now = System.nanoTime();
        long current = generation.get();
        Entry entry = entries.get(key);
        if (entry != null && entry.generation() == current && now - entry.expiresAt() < 0) {
            return (T) entry.value();
        }
        T value = load.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(key, new Entry(current, now + ttlNanos, value));
        return value;
    }

    @EventListener
    void on(RegistrationChanged changed) {
        changedAfterCommit();
    }

    @EventListener
    void on(ScheduleChanged changed) {
        changedAfterCommit();
    }

    /** Read before the change commits, a page could be cached with old seats: drop the cache after the commit. */
    private void changedAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    invalidate();
                }
            });
        } else {
            invalidate();
        }
    }

    void invalidate() {
        generation.incrementAndGet();
        entries.clear();
    }
}
