package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator's files read back through the 837 reader without a reject, with visits where the rates put them. */
class SyntheticClaimsTests {

    @Test
    void generatedFileReadsBackWholeAndOlderMembersHaveMoreVisits() throws IOException {
        var members = new ArrayList<SyntheticClaims.Member>();
        for (int i = 0; i < 100; i++) {
            members.add(new SyntheticClaims.Member(
                    "C" + i, LocalDate.of(i % 2 == 0 ? 2025 : 1960, 1, 1), i % 4 < 2 ? "F" : "M"));
        }
        var out = new StringWriter();
        long lines = new SyntheticClaims(7, 2026).write(members, 12_000, out);

        var claims = new ArrayList<ClaimRecord>();
        var rejects = new ArrayList<ClaimReject>();
        new Claim837Parser(claims::add, rejects::add)
                .parse(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.US_ASCII)));

        assertThat(rejects).isEmpty();
        assertThat(claims).hasSize(12_000);
        assertThat(claims.stream().mapToLong(c -> c.lines().size()).sum()).isEqualTo(lines);
        Map<Boolean, Integer> byAge = new HashMap<>();
        claims.forEach(c -> byAge.merge(Integer.parseInt(c.subscriberId().substring(1)) % 2 == 0, 1, Integer::sum));
        // 9 visits a year at 66 against 3 at 1: three times as many claims, give or take chance
        assertThat(byAge.get(false) / (double) byAge.get(true)).isBetween(2.6, 3.4);
        assertThat(claims.stream().flatMap(c -> c.lines().stream()).map(ClaimRecord.ServiceLine::procedureCode))
                .contains("77067", "90700", "99397");
        List<String> children = claims.stream()
                .filter(c -> Integer.parseInt(c.subscriberId().substring(1)) % 2 == 0)
                .flatMap(c -> c.lines().stream())
                .map(ClaimRecord.ServiceLine::procedureCode)
                .toList();
        assertThat(children).doesNotContain("77067", "45378");
    }
}
