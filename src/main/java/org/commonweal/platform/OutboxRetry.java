package org.commonweal.platform;

import java.time.Duration;
import java.util.Optional;

/**
 * When the outbox tries a failed message again: after the n-th failure it waits {@code firstDelay × 2^(n-1)}, at most
 * {@code maxDelay}; after {@code maxAttempts} failures the message is marked failed and left for a person to see.
 * Settings {@code commonweal.outbox.max-attempts}, {@code .first-retry}, {@code .max-retry}.
 */
public record OutboxRetry(int maxAttempts, Duration firstDelay, Duration maxDelay) {

    public OutboxRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("commonweal.outbox.max-attempts must be at least 1, was " + maxAttempts);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException(
                    "commonweal.outbox retry delays must be positive, first ≤ max: " + firstDelay + ", " + maxDelay);
        }
    }

    /** How long to wait after failure number {@code failures} (1 for the first), or empty when it is the last. */
    public Optional<Duration> after(int failures) {
        if (failures >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
    }
}
