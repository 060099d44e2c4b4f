package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY stream of the 834 first load (issue #23) against the server itself: what PostgreSQL stores from it
 * is what PostgreSQL's own text input gives for the same values (the reference: its {@code insert} with literals),
 * for every type the import writes, with nulls, non-ASCII text, empty and awkward arrays, and rows crossing the
 * buffer's edges; a unique violation in the middle of the stream is a {@code 23505} the caller can roll back to its
 * savepoint and go on in the same transaction.
 */
class CopyBinaryIntegrationTests {

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Path.of("target/test-data/copy-binary");
        Files.createDirectories(dir);
        pg = EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static final String COLUMNS = "(k int8, t text, d date, f float8, i int4, a text[])";

    private record Row(long k, String t, LocalDate d, Double f, Integer i, List<String> a) {}

    private static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(1, "LA000000001", LocalDate.of(2026, 11, 1), 34.0522, 4, List.of("23*ABC", "ZZ*x")));
        rows.add(new Row(2, null, null, null, null, null));
        rows.add(new Row(3, "Peña Ñúñez 東京 😀", LocalDate.of(1999, 12, 31), -118.2437, -7, List.of()));
        rows.add(new Row(
                4,
                "tab\tnew\nline \\ back \"quote\" ,{}",
                LocalDate.of(1900, 1, 1),
                0.1 + 0.2,
                Integer.MAX_VALUE,
                List.of("a,b", "{c}", "\"q\"", "back\\slash", "", "NULL", "ñ")));
        rows.add(new Row(5, "", LocalDate.of(2000, 1, 1), Double.MIN_VALUE, Integer.MIN_VALUE, List.of("one")));
        rows.add(new Row(6, "x", LocalDate.of(9999, 12, 31), 1e300, 0, Arrays.asList("a", null, "b")));
        // enough rows that the small buffer of the test is sent many times, rows split over its edges
        for (int n = 7; n < 400; n++) {
            rows.add(new Row(
                    n,
                    "member " + n + " ".repeat(n % 37),
                    LocalDate.of(2026, 1, 1).plusDays(n),
                    n / 7.0,
                    n,
                    List.of("REF*" + n, "é".repeat(n % 5))));
        }
        return rows;
    }

    @Test
    void whatTheServerStoresFromTheBinaryStreamIsWhatItsTextInputGives() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table copied " + COLUMNS);
            c.createStatement().execute("create table inserted " + COLUMNS);
            List<Row> rows = rows();
            for (int flushAt : new int[] {1, 100, 1 << 17}) {
                c.createStatement().execute("truncate copied");
                long stored;
                try (var out = new CopyBinary(c, "copied (k, t, d, f, i, a)", 6, flushAt)) {
                    for (Row r : rows) {
                        out.row()
                                .int8(r.k())
                                .text(r.t())
                                .date(r.d())
                                .float8(r.f())
                                .int4(r.i());
                        out.textArray(r.a());
                    }
                    stored = out.finish();
                }
                assertThat(stored).isEqualTo(rows.size());
                if (flushAt == 1) {
                    insertAsLiterals(c, rows);
                }
                assertThat(differences(c)).as("flush at %d bytes", flushAt).isZero();
            }
            // spot checks by value, so the comparison above is not between two equal mistakes
            try (var s = c.createStatement();
                    var rs = s.executeQuery(
                            "select t, d, f, i, a, cardinality(a) from copied where k in (3, 4, 6) order by k")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("Peña Ñúñez 東京 😀");
                assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(1999, 12, 31));
                assertThat(rs.getDouble(3)).isEqualTo(-118.2437);
                assertThat(rs.getInt(4)).isEqualTo(-7);
                assertThat(rs.getString(5)).isEqualTo("{}");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("tab\tnew\nline \\ back \"quote\" ,{}");
                assertThat((String[]) rs.getArray(5).getArray())
                        .containsExactly("a,b", "{c}", "\"q\"", "back\\slash", "", "NULL", "ñ");
                rs.next();
                assertThat((String[]) rs.getArray(5).getArray()).containsExactly("a", null, "b");
                assertThat(rs.getInt(6)).isEqualTo(3);
            }
        }
    }

    /**
     * Numbers of every shape the 837 import writes and a few it might (issue #21): what the server stores from the
     * binary {@code numeric} is what its text input gives, in an unconstrained column (exact) and in a {@code numeric(12,
     * 2)} one (rounded by the server, half away from zero, as for text); and booleans both ways.
     */
    @Test
    void numbersAndBooleansAreStoredAsTheServersTextInputStoresThem() throws Exception {
        List<String> values = new ArrayList<>(List.of(
                "0",
                "0.00",
                "-0",
                "1",
                "-1",
                "0.5",
                "-0.5",
                "1.005",
                "-1.005",
                "12.5",
                "100",
                "10000",
                "10000.0001",
                "9999",
                "99999999.99",
                "9999999999.99",
                "0.0001",
                "0.00005",
                "0.123456789",
                "123456789.123456",
                "-1234.5678",
                "1E+3",
                "5E+8",
                "1E-7",
                "700",
                "3",
                "45.00",
                "20260101"));
        for (int n = 1; n < 300; n++)
            values.add(new java.math.BigDecimal(n * 7919L).movePointLeft(n % 9).toString());
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table numbers_copied (k int4, n numeric, m numeric(12, 2), b boolean)");
            c.createStatement().execute("create table numbers_typed (k int4, n numeric, m numeric(12, 2), b boolean)");
            try (var out = new CopyBinary(c, "numbers_copied (k, n, m, b)", 4, 64)) {
                for (int k = 0; k < values.size(); k++) {
                    var v = new java.math.BigDecimal(values.get(k));
                    out.row().int4(k).numeric(v).numeric(v).bool(k % 2 == 0);
                }
                out.row().int4(-1).numeric(null).numeric(null).bool(true);
                out.finish();
            }
            try (var ps = c.prepareStatement(
                    "insert into numbers_typed values (?, ?::text::numeric, ?::text::numeric(12, 2), ?::text::boolean)")) {
                for (int k = 0; k < values.size(); k++) {
                    ps.setInt(1, k);
                    ps.setString(2, values.get(k));
                    ps.setString(3, values.get(k));
                    ps.setString(4, k % 2 == 0 ? "true" : "false");
                    ps.addBatch();
                }
                ps.setInt(1, -1);
                ps.setString(2, null);
                ps.setString(3, null);
                ps.setString(4, "true");
                ps.addBatch();
                ps.executeBatch();
            }
            try (var s = c.createStatement();
                    var rs = s.executeQuery("""
                            select count(*) from (
                              (select k, n::text, m::text, b from numbers_copied
                               except all select k, n::text, m::text, b from numbers_typed)
                              union all
                              (select k, n::text, m::text, b from numbers_typed
                               except all select k, n::text, m::text, b from numbers_copied)) d""")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (var s = c.createStatement();
                    var rs = s.executeQuery(
                            "select n::text, m::text from numbers_copied where k in (7, 21) order by k")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1.005");
                assertThat(rs.getString(2)).isEqualTo("1.01");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("1000");
            }
        }
    }

    @Test
    void aUniqueViolationInTheStreamRollsBackToTheSavepointAndTheTransactionGoesOn() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("create table keyed (k int8 primary key, t text)");
            c.setAutoCommit(false);
            c.createStatement().execute("insert into keyed values (150, 'there before')");
            var savepoint = c.setSavepoint();
            assertThatThrownBy(() -> {
                        try (var out = new CopyBinary(c, "keyed (k, t)", 2, 64)) {
                            for (int k = 1; k <= 300; k++) {
                                out.row().int8(k).text("copied " + k);
                            }
                            out.finish();
                        }
                    })
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23505"));
            c.rollback(savepoint);
            c.createStatement().execute("insert into keyed values (151, 'after')");
            c.commit();
            try (var s = c.createStatement();
                    var rs = s.executeQuery("select string_agg(k || '=' || t, ',' order by k) from keyed")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("150=there before,151=after");
            }
        }
    }

    @Test
    void aRowWithTooFewOrTooManyValuesIsRefusedBeforeItIsSent() throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection()) {
            var out = new CopyBinary(c, "nowhere (a, b)", 2);
            out.row().text("only one");
            assertThatThrownBy(out::row).isInstanceOf(IllegalStateException.class);
            var more = new CopyBinary(c, "nowhere (a, b)", 2);
            assertThatThrownBy(() -> more.row().text("a").text("b").text("c"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private static void insertAsLiterals(Connection c, List<Row> rows) throws SQLException {
        try (var ps = c.prepareStatement("insert into inserted values (?, ?::text, ?::text::date, ?::text::float8, "
                + "?::text::int4, ?::text::text[])")) {
            for (Row r : rows) {
                ps.setLong(1, r.k());
                ps.setString(2, r.t());
                ps.setString(3, r.d() == null ? null : r.d().toString());
                ps.setString(4, r.f() == null ? null : r.f().toString());
                ps.setString(5, r.i() == null ? null : r.i().toString());
                ps.setString(6, r.a() == null ? null : arrayLiteral(r.a()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** PostgreSQL's array literal, every element quoted (null unquoted). */
    private static String arrayLiteral(List<String> values) {
        var sb = new StringBuilder("{");
        for (String v : values) {
            sb.append(sb.length() > 1 ? "," : "");
            sb.append(v == null ? "NULL" : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return sb.append('}').toString();
    }

    private static int differences(Connection c) throws SQLException {
        try (var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from ((table copied except all table inserted) "
                        + "union all (table inserted except all table copied)) d")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
