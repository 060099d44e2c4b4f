package org.commonweal.coverage.internal;

import org.commonweal.coverage.x12.Eligibility270;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start, runs the X12 270 path over inquiries for member ids that cannot exist, so that the first real batch does
 * not pay for class loading, JIT compilation and the first use of the eligibility query (issue #23: a batch of 10,000
 * took 1.2 s first and 0.6 s warm). {@code commonweal.coverage.warm-up-270}: inquiries per round (0: off), three
 * rounds, on a thread of its own after start-up.
 */
@Component
class Eligibility270WarmUp {

    private static final Logger log = LoggerFactory.getLogger(Eligibility270WarmUp.class);
    private final Eligibility270 eligibility;
    private final int inquiries;

    Eligibility270WarmUp(Eligibility270 eligibility, @Value("${commonweal.coverage.warm-up-270:2000}") int inquiries) {
        this.eligibility = eligibility;
        this.inquiries = inquiries;
    }

    /** On a thread of its own: the application is ready at once, and a batch arriving meanwhile is answered. */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (inquiries > 0) {
            Thread.ofPlatform().name("270-warm-up").daemon(true).start(this::warmUp);
        }
    }

    void warmUp() {
        long t0 = System.nanoTime();
        try {
            for (int round = 0; round < 3; round++) {
                eligibility.warmUp(inquiries);
            }
            log.info(
                    "270 path warmed up: 3 rounds of {} inquiries in {} ms",
                    inquiries,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            // a warm-up that fails must not stop the application; the first batch is then only slower
            log.warn("270 warm-up failed: {}", e.getMessage());
        }
    }
}
