package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutboxRetryTests {

    private final OutboxRetry retry = new OutboxRetry(5, Duration.ofMinutes(1), Duration.ofMinutes(5));

    @Test
    void waitsTwiceAsLongAfterEachFailureUpToTheCap() {
        assertThat(retry.after(1)).contains(Duration.ofMinutes(1));
        assertThat(retry.after(2)).contains(Duration.ofMinutes(2));
        assertThat(retry.after(3)).contains(Duration.ofMinutes(4));
        assertThat(retry.after(4)).contains(Duration.ofMinutes(5));
    }

    @Test
    void theLastAllowedFailureEndsTheRetries() {
        assertThat(retry.after(5)).isEmpty();
        assertThat(retry.after(6)).isEmpty();
        assertThat(new OutboxRetry(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).after(1))
                .isEmpty();
    }

    @Test
    void aHugeFailureCountDoesNotOverflow() {
        assertThat(new OutboxRetry(Integer.MAX_VALUE, Duration.ofMinutes(1), Duration.ofHours(1)).after(10_000))
                .contains(Duration.ofHours(1));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatThrownBy(() -> new OutboxRetry(0, Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new OutboxRetry(3, Duration.ZERO, Duration.ofMinutes(1)))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new OutboxRetry(3, Duration.ofMinutes(2), Duration.ofMinutes(1)))
                .hasMessageContaining("first ≤ max");
    }
}
