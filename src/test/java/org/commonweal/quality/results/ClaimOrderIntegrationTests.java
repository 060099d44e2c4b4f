package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.quality.claims.ClaimOrder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * #21 "Fast": claims stored in arrival order (members scattered over the table) are read for a range of members
 * through the member-order indexes, and {@code compact-claims} ({@link ClaimOrder}) puts a member's claims and lines
 * on neighbouring pages without changing what a run reads. Generated for members no one covers, in one transaction
 * rolled back after (the rewrite too).
 */
@IntegrationTest
class ClaimOrderIntegrationTests {

    private static final int MEMBERS = 4_000, CLAIMS_EACH = 4;

    @Autowired
    ClaimOrder order;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    TransactionTemplate transactions;

    private final String tag = "ZZORD" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void compactingPutsAMembersClaimsTogetherAndReadsTheSame() {
        RolledBackClaims.run(transactions, jdbc, this::compact);
    }

    private void compact() {
        long file = RolledBackClaims.file(jdbc, "arrival.x12", tag);
        // claims in arrival order: claim g is member (g * 7919) mod N's, so neighbours belong to far-apart members;
        // every fourth member's last claim replaced (not current), every ninth claim without lines
        jdbc.sql("""
                insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                  status, member_id, billing_npi, statement_from, statement_to, diagnoses)
                select ?, g, 'PCN' || g, 'P', '1',
                  case when g >= ? * 3 and (g * 7919) % ? % 4 = 0 then 'replaced' else 'current' end,
                  ? || '-' || lpad(((g * 7919) % ?)::text, 6, '0'), '1234567893',
                  date '2001-01-01' + (g % 300), date '2001-01-01' + (g % 300), array['Z0000']
                from generate_series(0, ? - 1) g""")
                .params(file, MEMBERS, MEMBERS, tag, MEMBERS, MEMBERS * CLAIMS_EACH)
                .update();
        jdbc.sql("""
                insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                  procedure_code)
                select c.id, c.member_id, n, c.statement_from, c.statement_to, '9921' || n
                from quality.claim c cross join generate_series(1, 2) n where c.file_id = ? and c.id % 9 <> 0""").param(file).update();
        jdbc.sql("analyze quality.claim").update();
        jdbc.sql("analyze quality.service_line").update();

        // the run's read of the middle tenth of the members, asked in id order
        var asked = new HashSet<String>();
        for (int i = 1800; i < 2200; i++) asked.add(member(i));
        var plan = String.join(
                "\n",
                jdbc.sql("explain " + ClaimCopy.select(member(1800), member(2199)))
                        .query(String.class)
                        .list());
        System.out.println("range read of 400 members:\n" + plan);
        // the claims by a member-order index (the partial one of current claims is one too); the lines' plan depends on
        // the table's size (on a test database of
        // a few thousand lines PostgreSQL may hash them; at full scale: docs/benchmarks-quality.md)
        assertThat(plan)
                .containsAnyOf("on claim_member", "on claim_current_member")
                .doesNotContain("Seq Scan on claim");
        var before = read(asked);
        assertThat(before).hasSize(400);
        assertThat(before.values().stream().mapToInt(List::size).sum())
                .as("current claims of the 400 members")
                .isEqualTo(400 * CLAIMS_EACH - 400 / 4);
        int pagesBefore = pages();

        var done = order.compact();

        int pagesAfter = pages();
        System.out.printf(
                "%d claims, %d lines in member order in %.1f s; order by member %s -> %s; the middle tenth's claims"
                        + " on %d heap pages before, %d after%n",
                done.claims(),
                done.lines(),
                done.seconds(),
                done.orderBefore(),
                done.orderAfter(),
                pagesBefore,
                pagesAfter);
        assertThat(done.orderAfter()).isGreaterThan(0.99);
        assertThat(done.claims()).isGreaterThanOrEqualTo(MEMBERS * CLAIMS_EACH);
        // before: nearly a page per claim; after: the claims' bytes, a few dozen claims a page
        assertThat(pagesAfter).isLessThan(pagesBefore / 4);
        assertThat(read(asked)).isEqualTo(before);
    }

    private Map<String, List<ClaimResources.StoredClaim>> read(HashSet<String> asked) {
        return template.execute((ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>)
                c -> ClaimCopy.read(c, member(1800), member(2199), asked));
    }

    /** Heap pages holding the claims and lines of the middle tenth of the members. */
    private int pages() {
        return jdbc.sql("""
                select (select count(distinct (ctid::text::point)[0]) from quality.claim
                        where member_id between ? and ?)
                     + (select count(distinct (ctid::text::point)[0]) from quality.service_line
                        where member_id between ? and ?)""")
                .params(member(1800), member(2199), member(1800), member(2199))
                .query(Integer.class)
                .single();
    }

    private String member(int i) {
        return tag + "-" + String.format("%06d", i);
    }
}
