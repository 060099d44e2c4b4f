package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.commonweal.grants.lifecycle.ApplicationStatus;
import org.junit.jupiter.api.Test;

class EditDiffTests {

    private final ApplicationDesk.Application before = new ApplicationDesk.Application(
            1,
            1,
            "Cycle",
            1,
            "Org",
            "95-0000001",
            "Imaging",
            new BigDecimal("100000.00"),
            List.of("Need", "Plan"),
            ApplicationStatus.DRAFT,
            null,
            Instant.now(),
            null,
            "ana",
            3);
    private final List<ApplicationDesk.BudgetLine> budget =
            List.of(new ApplicationDesk.BudgetLine("Equipment", "X-ray", new BigDecimal("100000")));

    @Test
    void namesOnlyThePartsThatChanged() {
        var same = new ApplicationDesk.Draft(" Imaging ", new BigDecimal("100000"), List.of("Need", "Plan"), budget);
        assertThat(EditDiff.changedParts(before, budget, same)).isEmpty();
        var edited = new ApplicationDesk.Draft(
                "Imaging",
                new BigDecimal("100000"),
                List.of("Need", "Plan v2", "Measures"),
                List.of(new ApplicationDesk.BudgetLine("Equipment", "X-ray", new BigDecimal("90000"))));
        assertThat(EditDiff.changedParts(before, budget, edited)).containsExactly("answer:2", "answer:3", "budget");
        var retitled = new ApplicationDesk.Draft(
                "Imaging for SPA 6", new BigDecimal("120000"), List.of("Need", "Plan"), budget);
        assertThat(EditDiff.changedParts(before, budget, retitled)).containsExactly("title", "requested");
    }
}
