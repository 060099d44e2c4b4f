package org.commonweal.grants.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.commonweal.grants.lifecycle.CycleSpec;
import org.commonweal.grants.lifecycle.ReviewRules.Criterion;

/** Open funding cycles and organizations made for one test, with codes and EINs no other test uses. */
final class GrantsTestCycles {

    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 5_000_000));

    private GrantsTestCycles() {}

    static int next() {
        return SEQ.incrementAndGet();
    }

    /** Open since yesterday, closing in 60 days; with a letter-of-intent deadline in 10 days when {@code loi}. */
    static CycleSpec openCycle(boolean loi) {
        LocalDate today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
        return new CycleSpec(
                1L,
                "TEST-" + next(),
                "Test cycle",
                "Ciclo de prueba",
                "For tests",
                "Para pruebas",
                today.minusDays(1),
                today.plusDays(60),
                LocalTime.of(17, 0),
                new BigDecimal("1000000"),
                new BigDecimal("25000"),
                new BigDecimal("150000"),
                5,
                "Clinics in LA County",
                List.of("Need?", "Plan?"),
                loi,
                loi ? today.plusDays(10) : null,
                LocalTime.of(17, 0),
                List.of(
                        new Criterion("1-need", "Need", 5, new BigDecimal("2")),
                        new Criterion("2-plan", "Plan", 5, BigDecimal.ONE)));
    }

    static OrganizationRegistry.Registration organization() {
        String ein = String.format("77-%07d", next() % 10_000_000);
        return new OrganizationRegistry.Registration(
                ein,
                "Collaborative Clinic " + ein,
                "COMMUNITY_CLINIC",
                "1 Main St",
                "Los Angeles",
                "90012",
                4,
                "Ana Ruiz",
                "ana." + ein + "@example.org");
    }
}
