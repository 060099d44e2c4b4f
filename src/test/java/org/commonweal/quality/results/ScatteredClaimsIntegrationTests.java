package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recompute's claims read ({@link ClaimCopy#read(java.sql.Connection, Set)}: scattered members, any order) on a
 * table of a few hundred thousand service lines: the same claims as the JDBC query by member-id array, and a plan that
 * probes the index of current claims for the members and the service-line primary key for each claim, never a scan
 * of either table (the array query's hash join read every service line: 7 min 37 s for a 54,706-member lab file at
 * full scale). The claims are generated for members no one covers, dated 2001, and rolled back after.
 */
@IntegrationTest
class ScatteredClaimsIntegrationTests {

    private static final int MEMBERS = 30_000, CLAIMS_EACH = 3, LINES_EACH = 3;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    TransactionTemplate transactions;

    private final String tag = "ZZSCAT" + UUID.randomUUID().toString().substring(0, 8);

    /**
     * The generated claims live in one transaction that is rolled back (deleting them one by one checks each against
     * the unindexed {@code replaces_claim_id} reference: minutes); the statistics are gathered again after.
     */
    @Test
    void aThousandScatteredMembersAreReadByIndexAsTheArrayQueryReadsThem() {
        RolledBackClaims.run(transactions, jdbc, this::readByIndex);
    }

    private void readByIndex() {
        long file = RolledBackClaims.file(jdbc, "scattered.x12", tag);
        // members tag-000000 … ; the last claim of each member replaced (not current), some claims without lines
        jdbc.sql("""
                insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                  status, member_id, billing_npi, statement_from, statement_to, diagnoses, icd10_procedures)
                select ?, g, 'PCN' || g, case when g % 7 = 0 then 'I' else 'P' end, '1',
                  case when g % ? = ? - 1 then 'replaced' else 'current' end,
                  ? || '-' || lpad((g / ?)::text, 6, '0'), '1234567893',
                  date '2001-01-01' + (g % 300), date '2001-01-01' + (g % 300) + (g % 3),
                  case when g % 5 = 0 then '{}'::text[] else array['E119', 'I10'] end,
                  case when g % 7 = 0 then array['0DTJ4ZZ'] else '{}'::text[] end
                from generate_series(0, ? - 1) g""")
                .params(file, CLAIMS_EACH, CLAIMS_EACH, tag, CLAIMS_EACH, MEMBERS * CLAIMS_EACH)
                .update();
        jdbc.sql("""
                insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                  procedure_code)
                select c.id, c.member_id, n, c.statement_from, case when n = 2 then c.statement_to end,
                  case when n = 3 then null else '9921' || n end
                from quality.claim c cross join generate_series(1, ?) n where c.file_id = ? and c.id % 11 <> 0""").params(LINES_EACH, file).update();
        jdbc.sql("analyze quality.claim").update();
        jdbc.sql("analyze quality.service_line").update();
        long lines = jdbc.sql("select count(*) from quality.service_line")
                .query(Long.class)
                .single();
        assertThat(lines).isGreaterThan(200_000);

        // a thousand members spread over the whole range, given out of order, and two nobody has claims for
        var asked = new ArrayList<String>();
        for (int i = 999; i >= 0; i--) asked.add(tag + "-" + String.format("%06d", i * (MEMBERS / 1000) + i % 7));
        asked.add(tag + "-none");
        asked.add("NO-SUCH-MEMBER");
        var members = new HashSet<>(asked);

        var plan = String.join(
                "\n",
                jdbc.sql("explain " + ClaimCopy.select(members))
                        .query(String.class)
                        .list());
        var arrayPlan = String.join(
                "\n",
                jdbc.sql("""
                        explain select c.member_id, l.line_number from quality.claim c
                          left join quality.service_line l on l.claim_id = c.id
                        where c.member_id = any(?) and c.status = 'current'""")
                        .param(asked.toArray(String[]::new))
                        .query(String.class)
                        .list());
        System.out.printf(
                "%,d service lines; scattered read of %d members:%n%s%nthe array query's plan:%n%s%n",
                lines, asked.size(), plan, arrayPlan);
        assertThat(plan).contains("claim_current_member");
        assertThat(plan).doesNotContain("Seq Scan on service_line").doesNotContain("Seq Scan on claim");

        long t0 = System.nanoTime();
        var copied = template.execute(
                (ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>) c -> ClaimCopy.read(c, members));
        long copyMicros = (System.nanoTime() - t0) / 1000;
        t0 = System.nanoTime();
        var queried = ClaimsByArray.claims(jdbc, asked.toArray(String[]::new));
        long arrayMicros = (System.nanoTime() - t0) / 1000;
        System.out.printf("scattered COPY %.1f ms, array query %.1f ms%n", copyMicros / 1000.0, arrayMicros / 1000.0);
        assertThat(copied).isEqualTo(queried);
        assertThat(copied).hasSize(1000).doesNotContainKeys(tag + "-none", "NO-SUCH-MEMBER");
        // each member: two current claims of the three, lines in line order, none for every eleventh claim
        assertThat(copied.values()).allSatisfy(claims -> assertThat(claims).hasSize(CLAIMS_EACH - 1));
        assertThat(copied.values().stream()
                        .flatMap(List::stream)
                        .filter(c -> c.lines().isEmpty()))
                .isNotEmpty();
        assertThat(copied.values().stream()
                        .flatMap(List::stream)
                        .filter(c -> !c.lines().isEmpty())
                        .allMatch(c -> c.lines().size() == LINES_EACH
                                && c.lines().get(0).number() == 1
                                && c.lines().get(2).procedureCode() == null))
                .isTrue();

        assertThat(template.execute((ConnectionCallback<Map<String, List<ClaimResources.StoredClaim>>>)
                        c -> ClaimCopy.read(c, Set.of())))
                .isEmpty();
    }
}
