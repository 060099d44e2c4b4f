package org.commonweal.quality.results;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.platform.CopyBinary;
import org.commonweal.quality.measure.MeasurePopulations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A row of {@code quality.measure_result}, its columns named in one place: a run of our engine writes its new rows by
 * binary COPY ({@link #copy}); a recompute ({@link MemberRecompute}) and the CQL path's run ({@link MeasureRuns}) write
 * them by the one upsert ({@link #upsert}), populations, strata, attribution and month mask in the same statement.
 * Both from the same {@link #row}.
 */
final class ResultRows {

    private static final List<String> COLUMNS = List.of(
            "run_id",
            "member_id",
            "initial_population",
            "denominator",
            "denominator_exclusion",
            "denominator_exception",
            "numerator",
            "error",
            "sex",
            "age_band",
            "race_ethnicity",
            "language",
            "spa",
            "rcac_region",
            "product_line",
            "pcp_npi",
            "pcp_name",
            "clinic",
            "medical_group",
            "attribution",
            "month_mask");

    /** The table and its columns, for {@link CopyBinary}. */
    static final String COPY_INTO = "quality.measure_result (" + String.join(", ", COLUMNS) + ")";

    private static final String INSERT = "insert into " + COPY_INTO + " values ";
    private static final String ROW = COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));

    /** A row written again replaces every column but its key: the member's answer now, as a run would write it. */
    private static final String UPSERT = COLUMNS.stream()
            .skip(2)
            .map(c -> c + " = excluded." + c)
            .collect(Collectors.joining(", ", " on conflict (run_id, member_id) do update set ", ""));

    /** Rows per statement (21 parameters each, well under the protocol's 65,535). */
    private static final int PER_STATEMENT = 1000;

    private ResultRows() {}

    /** The row of a member ({@link OwnEngineRuns#residence} for one looked up by id); {@code a} null: not attributed. */
    static Object[] row(
            long runId,
            MemberResidence m,
            MeasurePopulations r,
            String error,
            LocalDate asOf,
            MemberAttribution.Attribution a,
            Integer months) {
        return new Object[] {
            runId,
            m.memberId(),
            in(r, "initial-population"),
            in(r, "denominator"),
            in(r, "denominator-exclusion"),
            in(r, "denominator-exception"),
            in(r, "numerator"),
            error,
            m.sex(),
            MeasureRuns.ageBand(m.birthDate(), asOf),
            m.raceEthnicity(),
            m.spokenLanguage(),
            m.spa(),
            m.rcacRegion(),
            a == null ? null : a.productLine(),
            a == null ? null : a.pcpNpi(),
            a == null ? null : a.pcpName(),
            a == null ? null : a.clinic(),
            a == null ? null : a.medicalGroup(),
            a == null ? null : a.methodCode(),
            months
        };
    }

    private static boolean in(MeasurePopulations result, String population) {
        return result != null && result.in(population);
    }

    /**
     * A {@link #row} in COPY's binary format ({@link CopyBinary}, as the 834 and 837 loads write): a run's rows are new
     * to the table, so no conflict is possible.
     */
    static void copy(CopyBinary out, Object[] v) throws SQLException {
        out.row().int8((Long) v[0]).text((String) v[1]);
        for (int i = 2; i <= 6; i++) out.bool((Boolean) v[i]);
        for (int i = 7; i <= 11; i++) out.text((String) v[i]);
        out.int4((Integer) v[12]).int4((Integer) v[13]);
        for (int i = 14; i <= 19; i++) out.text((String) v[i]);
        out.int4((Integer) v[20]);
    }

    /**
     * Writes {@link #row}s, inserting those the run has none for and replacing the others, one statement per 1,000;
     * returns the rows written.
     */
    static int upsert(JdbcClient jdbc, List<Object[]> rows) {
        int written = 0;
        for (int start = 0; start < rows.size(); start += PER_STATEMENT) {
            var part = rows.subList(start, Math.min(rows.size(), start + PER_STATEMENT));
            var sql = new StringBuilder(INSERT);
            var params = new ArrayList<Object>(part.size() * COLUMNS.size());
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(ROW);
                params.addAll(Arrays.asList(part.get(i)));
            }
            written += jdbc.sql(sql.append(UPSERT).toString()).params(params).update();
        }
        return written;
    }
}
