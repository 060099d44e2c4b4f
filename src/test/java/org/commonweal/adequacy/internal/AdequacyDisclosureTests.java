package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonweal.adequacy.engine.ZipResult;
import org.junit.jupiter.api.Test;

/**
 * The digest stored with a publication's masks names the rule by its version constants and the results by value: the
 * same figures give the same digest in any build (a deploy leaves stored masks standing), and any change of a figure
 * the masks depend on gives another.
 */
class AdequacyDisclosureTests {

    private static final String[] ZIPS = {"90001", "90002", "91331"};
    /** Per ZIP: SPA, region, members, met, met by miles, by minutes, by alternative. */
    private static final int[][] COUNTS = {
        {6, 7, 120, 112, 110, 100, 2}, {6, 7, 9, 4, 4, 3, 0}, {2, 3, 300, 300, 290, 280, 0}
    };

    private static ZipResult result(String zip, int[] n, double maxMiles, double sumMiles) {
        return new ZipResult("MCLA", "pcp", zip, n[0], n[1], n[2], n[3], n[4], n[5], n[6], maxMiles, sumMiles);
    }

    private static List<ZipResult> results() {
        List<ZipResult> results = new ArrayList<>();
        for (int i = 0; i < ZIPS.length; i++) {
            results.add(result(ZIPS[i], COUNTS[i], 8.5, 400.0));
        }
        return results;
    }

    @Test
    void theSameResultsGiveTheSameDigestComputedTwice() {
        String first = AdequacyDisclosure.digest(results());
        String second = AdequacyDisclosure.digest(results());
        assertThat(first).hasSize(64).isEqualTo(second);
        assertThat(AdequacyDisclosure.decide("MCLA", "pcp", results()).digest())
                .as("the digest a decision is stored under")
                .isEqualTo(first);
    }

    @Test
    void everyFigureTheMasksDependOnChangesTheDigest() {
        Set<String> digests = new HashSet<>();
        digests.add(AdequacyDisclosure.digest(results()));
        int changes = 0;
        for (int field = 0; field < COUNTS[1].length; field++) {
            int[] changed = COUNTS[1].clone();
            changed[field]++;
            digests.add(digestWithSecond(result(ZIPS[1], changed, 8.5, 400.0)));
            changes++;
        }
        digests.add(digestWithSecond(result("90003", COUNTS[1], 8.5, 400.0)));
        changes++;
        assertThat(digests).as("one digest per set of figures").hasSize(changes + 1);
    }

    @Test
    void distancesTheRuleNeverSeesLeaveTheDigest() {
        // the mileage is not a count and the rule never sees it: the same masks, the same digest
        assertThat(digestWithSecond(result(ZIPS[1], COUNTS[1], 99.0, 9_999.0)))
                .isEqualTo(AdequacyDisclosure.digest(results()));
    }

    /** The digest of the results with the second ZIP's replaced. */
    private static String digestWithSecond(ZipResult second) {
        List<ZipResult> results = results();
        results.set(1, second);
        return AdequacyDisclosure.digest(results);
    }
}
