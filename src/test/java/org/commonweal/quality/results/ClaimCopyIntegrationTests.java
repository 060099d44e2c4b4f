package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The run's claim read ({@link ClaimCopy}: one binary COPY over a member-id range) gives exactly what the JDBC query
 * by member-id array gives (pgjdbc decoding dates and {@code text[]} literals), on hand-written claims at the edges:
 * a claim without lines, lines without an end date or code, empty and several-code arrays, a replaced claim, a member
 * inside the range who was not asked for, a member id with a quote and one with a non-ASCII letter.
 */
@IntegrationTest
class ClaimCopyIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Test
    void theRangeCopyReadsWhatTheArrayQueryReads() {
        var tag = "ZZCOPY" + UUID.randomUUID().toString().substring(0, 8);
        var a = tag + "-A";
        var b = tag + "-B'Q";
        var skipped = tag + "-C";
        var d = tag + "-Dé";
        long file = jdbc.sql("""
                insert into quality.claim_file (file_name, sha256, received_by) values ('copy.x12', ?, 'test')
                returning id""").param(tag).query(Long.class).single();
        long a1 = claim(file, a, "P", "current", "2026-03-01", "2026-03-02", "{E119,I10}", "{}");
        line(a1, 1, "2026-03-01", "2026-03-02", "99213");
        line(a1, 2, "2026-03-02", null, "G0121");
        line(a1, 3, null, null, null);
        long a2 = claim(file, a, "I", "current", "2026-05-10", null, "{}", "{0DTJ4ZZ,0DB68ZZ}");
        long replaced = claim(file, a, "P", "replaced", "2026-01-01", "2026-01-01", "{Z0000}", "{}");
        line(replaced, 1, "2026-01-01", null, "99395");
        long b1 = claim(file, b, "P", "current", null, null, "{Z1211}", "{}"); // no lines
        long c1 = claim(file, skipped, "P", "current", "2026-02-02", null, "{I10}", "{}");
        line(c1, 1, "2026-02-02", null, "99214");
        long d1 = claim(file, d, "P", "current", "2026-07-07", "2026-07-07", "{O0900}", "{}");
        line(d1, 1, "2026-07-07", "2026-07-07", "3074F");

        var asked = Set.of(a, b, d);
        // the first and last asked in the database's order of member ids, as coverage streams them; C lies between
        var range = jdbc.sql("select min(m), max(m), ? between min(m) and max(m) from unnest(?::text[]) m")
                .params(skipped, new String[] {a, b, d})
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getBoolean(3)})
                .single();
        assertThat(range[2]).isEqualTo(true);
        var copied = template.execute((ConnectionCallback<java.util.Map<String, List<ClaimResources.StoredClaim>>>)
                c -> ClaimCopy.read(c, (String) range[0], (String) range[1], asked));
        var queried = ClaimsByArray.claims(jdbc, new String[] {a, b, d});

        assertThat(copied).isEqualTo(queried);
        assertThat(copied).containsOnlyKeys(a, b, d);
        assertThat(copied.get(a)).hasSize(2);
        assertThat(copied.get(a).get(0).lines())
                .containsExactly(
                        new ClaimResources.StoredLine(1, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2), "99213"),
                        new ClaimResources.StoredLine(2, LocalDate.of(2026, 3, 2), null, "G0121"),
                        new ClaimResources.StoredLine(3, null, null, null));
        assertThat(copied.get(a).get(0).diagnoses()).containsExactly("E119", "I10");
        assertThat(copied.get(a).get(1).icd10Procedures()).containsExactly("0DTJ4ZZ", "0DB68ZZ");
        assertThat(copied.get(a).get(1).form()).isEqualTo('I');
        assertThat(copied.get(a).get(1).lines()).isEmpty();
        assertThat(copied.get(b).getFirst().from()).isNull();
        assertThat(copied.get(d).getFirst().lines().getFirst().procedureCode()).isEqualTo("3074F");
    }

    @Test
    void aMemberIdIsQuotedAsALiteral() {
        assertThat(ClaimCopy.literal("A'; drop table x; --")).isEqualTo("'A''; drop table x; --'");
        assertThat(ClaimCopy.select("A", "B")).contains("between 'A' and 'B'");
    }

    private long claim(
            long file, String member, String form, String status, String from, String to, String dx, String pcs) {
        return jdbc.sql("""
                insert into quality.claim (file_id, segment_number, patient_control_number, form, frequency_code,
                  status, member_id, billing_npi, statement_from, statement_to, diagnoses, icd10_procedures)
                values (?, 1, 'PCN', ?, '1', ?, ?, '1234567893', ?::date, ?::date, ?::text[], ?::text[])
                returning id""")
                .params(file, form, status, member, from, to, dx, pcs)
                .query(Long.class)
                .single();
    }

    private void line(long claim, int number, String from, String to, String code) {
        jdbc.sql("""
                insert into quality.service_line (claim_id, member_id, line_number, service_from, service_to,
                  procedure_code)
                select id, member_id, ?, ?::date, ?::date, ? from quality.claim where id = ?""").params(number, from, to, code, claim).update();
    }
}
