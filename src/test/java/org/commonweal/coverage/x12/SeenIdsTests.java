package org.commonweal.coverage.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first load's Bloom filter: never false for an id added, rarely true for one never added. */
class SeenIdsTests {

    @Test
    void everyIdAddedIsFoundAndFewOthersAre() {
        var seen = new SeenIds(200_000);
        for (int i = 1; i <= 200_000; i++) {
            seen.add(String.format("LA%09d", i));
        }
        for (int i = 1; i <= 200_000; i++) {
            assertThat(seen.mightContain(String.format("LA%09d", i)))
                    .as("id %d", i)
                    .isTrue();
        }
        int falsePositives = 0;
        for (int i = 200_001; i <= 400_000; i++) {
            if (seen.mightContain(String.format("LA%09d", i))) {
                falsePositives++;
            }
        }
        // 10 bits an id rounded up to a power of two, 7 hashes: below 1 %
        assertThat(falsePositives).isLessThan(2_000);
    }

    @Test
    void anEmptyFilterHoldsNothingAndATinyOneStillAnswers() {
        var seen = new SeenIds(0);
        assertThat(seen.mightContain("DEMO-MEMBER-1")).isFalse();
        seen.addAll(List.of("DEMO-MEMBER-1", "", "ÑANDÚ-7"));
        assertThat(seen.mightContain("DEMO-MEMBER-1")).isTrue();
        assertThat(seen.mightContain("")).isTrue();
        assertThat(seen.mightContain("ÑANDÚ-7")).isTrue();
        assertThat(seen.mightContain("DEMO-MEMBER-2")).isFalse();
    }
}
