package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.commonweal.adequacy.engine.ZipResult;
import org.junit.jupiter.api.Test;

/**
 * The digest stored with a publication's masks names the rule by its version constants and the results by value: the
 * same figures give the same digest in any build (a deploy leaves stored masks standing), and any change of a figure
 * the masks depend on gives another.
 */
class AdequacyDisclosureTests {

    private static List<ZipResult> results() {
        return List.of(
                new ZipResult("MCLA", "pcp", "90001", 6, 7, 120, 112, 110, 100, 2, 8.5, 400.0),
                new ZipResult("MCLA", "pcp", "90002", 6, 7, 9, 4, 4, 3, 0, 12.0, 60.0),
                new ZipResult("MCLA", "pcp", "91331", 2, 3, 300, 300, 290, 280, 0, 4.0, 700.0));
    }

    @Test
    void theSameResultsGiveTheSameDigestComputedTwice() {
        String first = AdequacyDisclosure.digest(results());
        String second = AdequacyDisclosure.digest(new ArrayList<>(results()));
        assertThat(first).hasSize(64).isEqualTo(second);
        assertThat(AdequacyDisclosure.decide("MCLA", "pcp", results()).digest())
                .as("the digest a decision is stored under")
                .isEqualTo(first);
    }

    @Test
    void everyFigureTheMasksDependOnChangesTheDigest() {
        List<UnaryOperator<ZipResult>> changes = List.of(
                z -> copy(z, z.members() + 1, z.met(), z.metByMiles(), z.metByMinutes(), z.metByAlternative()),
                z -> copy(z, z.members(), z.met() - 1, z.metByMiles(), z.metByMinutes(), z.metByAlternative()),
                z -> copy(z, z.members(), z.met(), z.metByMiles() - 1, z.metByMinutes(), z.metByAlternative()),
                z -> copy(z, z.members(), z.met(), z.metByMiles(), z.metByMinutes() - 1, z.metByAlternative()),
                z -> copy(z, z.members(), z.met(), z.metByMiles(), z.metByMinutes(), z.metByAlternative() + 1),
                z -> new ZipResult(
                        z.productLine(),
                        z.providerType(),
                        "90003",
                        z.spa(),
                        z.rcacRegion(),
                        z.members(),
                        z.met(),
                        z.metByMiles(),
                        z.metByMinutes(),
                        z.metByAlternative(),
                        z.maxMiles(),
                        z.sumMiles()),
                z -> new ZipResult(
                        z.productLine(),
                        z.providerType(),
                        z.zip(),
                        z.spa() + 1,
                        z.rcacRegion(),
                        z.members(),
                        z.met(),
                        z.metByMiles(),
                        z.metByMinutes(),
                        z.metByAlternative(),
                        z.maxMiles(),
                        z.sumMiles()));
        Set<String> digests = new HashSet<>();
        digests.add(AdequacyDisclosure.digest(results()));
        for (var change : changes) {
            List<ZipResult> changed = new ArrayList<>(results());
            changed.set(1, change.apply(changed.get(1)));
            digests.add(AdequacyDisclosure.digest(changed));
        }
        assertThat(digests).as("one digest per set of figures").hasSize(changes.size() + 1);
    }

    @Test
    void distancesTheRuleNeverSeesLeaveTheDigest() {
        // the mileage sums are not published as counts and the rule never sees them: the same masks, the same digest
        List<ZipResult> farther = new ArrayList<>(results());
        ZipResult z = farther.getFirst();
        farther.set(
                0,
                new ZipResult(
                        z.productLine(),
                        z.providerType(),
                        z.zip(),
                        z.spa(),
                        z.rcacRegion(),
                        z.members(),
                        z.met(),
                        z.metByMiles(),
                        z.metByMinutes(),
                        z.metByAlternative(),
                        99.0,
                        9_999.0));
        assertThat(AdequacyDisclosure.digest(farther)).isEqualTo(AdequacyDisclosure.digest(results()));
    }

    private static ZipResult copy(ZipResult z, int members, int met, int miles, int minutes, int alternative) {
        return new ZipResult(
                z.productLine(),
                z.providerType(),
                z.zip(),
                z.spa(),
                z.rcacRegion(),
                members,
                met,
                miles,
                minutes,
                alternative,
                z.maxMiles(),
                z.sumMiles());
    }
}
