package org.commonweal.quality.results;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The current claims (with their lines) of any set of members by a plain JDBC query on a member-id array: the reference
 * the binary reads are tested against ({@code ClaimCopyIntegrationTests}, {@code ScatteredClaimsIntegrationTests}) and
 * the benchmark's old path ({@code QualityFullBenchmark}). Not for a run or a recompute: on a large table PostgreSQL
 * hash-joins every service line for it ({@link ClaimCopy#read(java.sql.Connection, java.util.Set)} reads scattered
 * members by index). It was {@code OwnEngineRuns.claims} until #21's follow-up: no main code used it.
 */
final class ClaimsByArray {

    private ClaimsByArray() {}

    /** The current claims of the members, each member's in claim id order with their lines in line order. */
    static Map<String, List<ClaimResources.StoredClaim>> claims(JdbcClient jdbc, String[] memberIds) {
        var byMember = new HashMap<String, List<ClaimResources.StoredClaim>>();
        var open = new HashMap<Long, Object[]>();
        var lines = new HashMap<Long, List<ClaimResources.StoredLine>>();
        jdbc.sql("""
                select c.member_id, c.id, c.claim_number, c.form, c.statement_from, c.statement_to, c.diagnoses,
                  c.icd10_procedures, l.line_number, l.service_from, l.service_to, l.procedure_code
                from quality.claim c left join quality.service_line l on l.claim_id = c.id
                where c.member_id = any(?) and c.status = 'current' order by c.member_id, c.id, l.line_number""").param(memberIds).query(rs -> {
            long claimId = rs.getLong(2);
            if (!open.containsKey(claimId)) {
                open.put(claimId, new Object[] {
                    rs.getString(1),
                    rs.getString(3),
                    rs.getString(4).charAt(0),
                    date(rs, 5),
                    date(rs, 6),
                    strings(rs.getArray(7)),
                    strings(rs.getArray(8))
                });
                lines.put(claimId, new ArrayList<>());
            }
            if (rs.getObject(9) != null) {
                lines.get(claimId)
                        .add(new ClaimResources.StoredLine(rs.getInt(9), date(rs, 10), date(rs, 11), rs.getString(12)));
            }
        });
        // claims in id order, as the per-member path reads them
        open.keySet().stream().sorted().forEach(claimId -> {
            var c = open.get(claimId);
            @SuppressWarnings("unchecked")
            var claim = new ClaimResources.StoredClaim(
                    (String) c[1],
                    (char) c[2],
                    (LocalDate) c[3],
                    (LocalDate) c[4],
                    (List<String>) c[5],
                    (List<String>) c[6],
                    lines.get(claimId));
            byMember.computeIfAbsent((String) c[0], k -> new ArrayList<>()).add(claim);
        });
        return byMember;
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
