package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates by group go out through the platform's cell suppression. */
class SuppressedStrataTests {

    @Test
    void aSmallGroupIsMaskedWithWhatWouldGiveItAwayAndShowsNoRate() {
        var rows = SuppressedStrata.of(List.of(
                new MeasureRuns.Stratum("hispanic", 400, 240),
                new MeasureRuns.Stratum("white", 300, 150),
                new MeasureRuns.Stratum("pacific-islander", 6, 2)));

        var small = rows.get(2);
        assertThat(small.eligible()).isEqualTo("*");
        assertThat(small.met()).isEqualTo("*");
        assertThat(small.rate()).isNull();
        // with the totals published, one other group must be masked too, or the small one is a subtraction away
        assertThat(rows.subList(0, 2)).anySatisfy(r -> assertThat(r.eligible()).isEqualTo("*"));
        assertThat(rows.get(3).value()).isEqualTo("total");
        assertThat(rows.get(3).eligible()).isEqualTo("706");
    }

    @Test
    void largeGroupsShowTheirCountsAndRate() {
        var rows = SuppressedStrata.of(
                List.of(new MeasureRuns.Stratum("45-64", 200, 50), new MeasureRuns.Stratum("65+", 100, 80)));

        assertThat(rows.get(0).eligible()).isEqualTo("200");
        assertThat(rows.get(0).rate()).isEqualTo(25.0);
        assertThat(rows.get(1).rate()).isEqualTo(80.0);
    }
}
