package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectoryCountsTests {

    @Test
    void runsACountOncePerSearchAndAgainForAnotherSearch() {
        var counts = new DirectoryCounts(5);
        AtomicInteger runs = new AtomicInteger();
        String sql =
                "select count(distinct r.practitioner_id) from network.practitioner_role r where r.specialty = any(?)";
        List<Object> fm = List.of(new String[] {"207Q00000X"}, "(1, 2, 3)");
        assertThat(counts.count(sql, fm, () -> 10L + runs.incrementAndGet())).isEqualTo(11);
        // the same search built again (equal arrays, not the same instance)
        assertThat(counts.count(
                        sql, List.of(new String[] {"207Q00000X"}, "(1, 2, 3)"), () -> 10L + runs.incrementAndGet()))
                .isEqualTo(11);
        assertThat(runs).hasValue(1);
        assertThat(counts.count(
                        sql, List.of(new String[] {"208D00000X"}, "(1, 2, 3)"), () -> 10L + runs.incrementAndGet()))
                .as("another specialty")
                .isEqualTo(12);
        assertThat(counts.count(sql + " and r.telehealth", fm, () -> 10L + runs.incrementAndGet()))
                .as("another condition")
                .isEqualTo(13);
        counts.clear();
        assertThat(counts.count(sql, fm, () -> 10L + runs.incrementAndGet())).isEqualTo(14);
    }

    @Test
    void zeroMinutesKeepsNothing() {
        var counts = new DirectoryCounts(0);
        AtomicInteger runs = new AtomicInteger();
        counts.count("select 1", List.of(), () -> (long) runs.incrementAndGet());
        counts.count("select 1", List.of(), () -> (long) runs.incrementAndGet());
        assertThat(runs).hasValue(2);
    }
}
