package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The claim's days our engine's record gets ({@link ClaimRecords#days}, one loop) are the FHIR Encounter's days the
 * reference engine gets ({@link ClaimResources#first}, {@link ClaimResources#last}), at the edges: no lines, lines
 * without dates, a line ending after a later-starting one, no statement dates; then on many random claims.
 */
class ClaimRecordsTests {

    private static final LocalDate D = LocalDate.of(2026, 3, 10);

    private static ClaimResources.StoredClaim claim(
            LocalDate from, LocalDate to, List<ClaimResources.StoredLine> lines) {
        return new ClaimResources.StoredClaim("CW1", 'P', from, to, List.of(), List.of(), lines);
    }

    private static ClaimResources.StoredLine line(LocalDate from, LocalDate to) {
        return new ClaimResources.StoredLine(1, from, to, "99213");
    }

    private static void same(ClaimResources.StoredClaim c) {
        var days = ClaimRecords.days(c);
        assertThat(days[0]).as("first of %s", c).isEqualTo(ClaimResources.first(c));
        assertThat(days[1]).as("last of %s", c).isEqualTo(ClaimResources.last(c));
    }

    @Test
    void theEdges() {
        same(claim(D, D.plusDays(2), List.of()));
        same(claim(D, null, List.of()));
        same(claim(null, null, List.of()));
        same(claim(D, D.plusDays(9), List.of(line(null, null))));
        same(claim(D, null, List.of(line(null, null), line(null, D.plusDays(4)))));
        same(claim(D, D, List.of(line(D.plusDays(1), D.plusDays(8)), line(D.plusDays(3), null))));
        same(claim(D, D, List.of(line(D.plusDays(5), null), line(D.minusDays(2), D.minusDays(1)))));
        assertThat(ClaimRecords.days(
                        claim(D, D, List.of(line(D.plusDays(1), D.plusDays(8)), line(D.plusDays(3), null)))))
                .containsExactly(D.plusDays(1), D.plusDays(8));
    }

    @Test
    void manyRandomClaims() {
        var random = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            var lines = new ArrayList<ClaimResources.StoredLine>();
            int n = random.nextInt(4);
            for (int j = 0; j < n; j++) lines.add(line(maybe(random), maybe(random)));
            same(claim(maybe(random), maybe(random), lines));
        }
    }

    private static LocalDate maybe(Random random) {
        return random.nextInt(4) == 0 ? null : D.plusDays(random.nextInt(30) - 15);
    }
}
