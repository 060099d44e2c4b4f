package org.commonweal.quality.claims;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.UUID;
import org.commonweal.coverage.Coverage;

/**
 * The 837 fixtures of {@code src/test/resources/quality/claims} sent for two covered members: {@code M000000001} and
 * {@code M000000002} become the first two active members, and every claim number (CLM01, and the REF*F8 naming one)
 * gets a prefix unique to the test, because the test database keeps earlier runs' claims.
 */
record TwoMemberClaims(String memberA, String memberB, String run) {

    static TwoMemberClaims of(Coverage coverage) {
        var seen = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (seen.size() < 2) seen.add(m.memberId());
        });
        return new TwoMemberClaims(
                seen.get(0), seen.get(1), UUID.randomUUID().toString().substring(0, 8));
    }

    /** The fixture's text for these members and this run. */
    String fixture(String name) throws java.io.IOException {
        return Claim837ParserTests.fixture(name)
                .replace("M000000001", memberA)
                .replace("M000000002", memberB)
                .replace("CLM*", "CLM*" + run)
                .replace("REF*F8*", "REF*F8*" + run);
    }
}
