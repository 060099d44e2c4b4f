package org.commonweal.quality.results;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.postgresql.PGConnection;

/**
 * The current claims of a range of members, read for a measure run by one {@code COPY (select …) TO STDOUT (FORMAT
 * binary)} over a member-id range ({@code member_id between first and last}): coverage streams the active members in
 * member-id order, so a batch's claims are one range of the member-order index {@code claim_member} and its lines one
 * range of {@code service_line_member} (each line carries its claim's member), with no member-id array to send and
 * match. Claims arrive in date order, so until the tables are put in member order ({@link ClaimOrder}, the
 * {@code compact-claims} command) those ranges still point at scattered heap pages; after it, a batch reads
 * contiguous pages once. Binary rows carry dates as day numbers and diagnoses as binary arrays, so nothing is parsed
 * from text. Claims of members in the range that are not asked for (not active on the period's last day) are
 * skipped. Scattered members (a recompute) are read by the member index and each claim's lines by the service-line
 * primary key ({@code offset 0} keeps the lateral subquery from being flattened into a hash join over every line).
 * Each line also carries its revenue code and the NPI of the practitioner the visit counts for, so attribution by
 * claims ({@link ClaimPlurality#visits(Map, LocalDate, LocalDate)}) reads no claim a second time.
 */
final class ClaimCopy {

    /** Days between 1970-01-01 and PostgreSQL's epoch, 2000-01-01. */
    private static final int POSTGRES_EPOCH_DAY = (int) LocalDate.of(2000, 1, 1).toEpochDay();

    /** The columns of a claim row: the claim, then its line (null for a claim without lines), then the NPI. */
    private static final String COLUMNS = """
            select c.member_id, c.id, c.claim_number, c.form, c.statement_from, c.statement_to, c.diagnoses,
              c.icd10_procedures, l.line_number, l.service_from, l.service_to, l.procedure_code, l.revenue_code,
              case when l.rendering_npi is not null then
                     case when l.rendering_provider like 'Practitioner/%%' then l.rendering_npi end
                   when c.rendering_npi is not null then
                     case when c.rendering_provider like 'Practitioner/%%' then c.rendering_npi end
                   when c.billing_provider like 'Practitioner/%%' then c.billing_npi end
            """;

    /**
     * A range of members: claims and lines each one range of its member-order index ({@code claim_member},
     * {@code service_line_member}), the lines' range stated in the join so it restricts their scan; after {@code
     * compact-claims} both ranges are contiguous pages.
     */
    private static final String RANGE = COLUMNS + """
            from quality.claim c left join quality.service_line l
              on l.member_id = c.member_id and l.claim_id = c.id and l.member_id between %1$s and %2$s
            where c.member_id between %1$s and %2$s and c.status = 'current'
            order by c.member_id, c.id, l.line_number""";

    /** Scattered members: each claim's lines by the service-line primary key (a lateral subquery kept apart). */
    private static final String SCATTERED = COLUMNS + """
            from quality.claim c left join lateral (
              select line_number, service_from, service_to, procedure_code, revenue_code, rendering_npi,
                rendering_provider from quality.service_line
              where claim_id = c.id offset 0) l on true
            where %s and c.status = 'current'
            order by c.member_id, c.id, l.line_number""";

    private static final int FIELDS = 14;

    private ClaimCopy() {}

    /** The query for the members {@code first}–{@code last} (in the database's order of member ids). */
    static String select(String first, String last) {
        return RANGE.formatted(literal(first), literal(last));
    }

    /**
     * The query for a set of scattered members (a recompute's batch): {@code member_id = any(array[…])}, one probe
     * of the partial index of current claims per member, each claim's lines by the service-line primary key as in a
     * range; never a scan of the service-line table (the JDBC query by array hash-joined all of it).
     */
    static String select(Collection<String> members) {
        var ids = new StringJoiner(", ", "c.member_id = any(array[", "]::text[])");
        for (var m : members) ids.add(literal(m));
        return SCATTERED.formatted(ids.toString());
    }

    /**
     * The current claims (lines in line order, claims in id order) of {@code members}, all of which lie between
     * {@code first} and {@code last} in the database's order; members without claims are absent.
     */
    static Map<String, List<ClaimResources.StoredClaim>> read(
            Connection connection, String first, String last, Set<String> members) throws SQLException {
        return copy(connection, select(first, last), members);
    }

    /** The current claims of scattered {@code members} (any order), as {@link #read(Connection, String, String, Set)}. */
    static Map<String, List<ClaimResources.StoredClaim>> read(Connection connection, Set<String> members)
            throws SQLException {
        if (members.isEmpty()) return Map.of();
        return copy(connection, select(members), members);
    }

    private static Map<String, List<ClaimResources.StoredClaim>> copy(
            Connection connection, String select, Set<String> members) throws SQLException {
        var out = new ByteArrayOutputStream(1 << 16) {
            byte[] bytes() {
                return buf;
            }
        };
        try {
            connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyOut("copy (" + select + ") to stdout (format binary)", out);
        } catch (IOException e) {
            throw new SQLException("claims could not be read", e);
        }
        return decode(out.bytes(), out.size(), members);
    }

    /** A string as an SQL literal (standard-conforming strings: quotes doubled). */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("member id with a NUL character");
        return "'" + value.replace("'", "''") + "'";
    }

    /** The rows of {@link #COLUMNS} in COPY's binary format into claims by member. */
    static Map<String, List<ClaimResources.StoredClaim>> decode(byte[] b, int size, Set<String> members) {
        var byMember = new HashMap<String, List<ClaimResources.StoredClaim>>();
        var r = new Reader(b, size);
        r.header();
        String member = null;
        List<ClaimResources.StoredClaim> claims = null;
        long claimId = Long.MIN_VALUE;
        Object[] claim = null;
        var lines = new ArrayList<ClaimResources.StoredLine>();
        while (true) {
            int fields = r.int16();
            if (fields == -1) break;
            if (fields != FIELDS) throw new IllegalStateException("claim row with " + fields + " fields");
            // member_id: compared as bytes with the previous row's, a new string only for a new member
            int length = r.int32();
            if (member == null || !r.same(length, member)) {
                member = r.text(length);
                claims = members.contains(member) ? byMember.computeIfAbsent(member, k -> new ArrayList<>()) : null;
            } // else: same() has read past it
            long id = r.int8Field();
            if (claims == null) {
                r.skipFields(FIELDS - 2);
                continue;
            }
            if (id != claimId) {
                if (claim != null) claims(byMember, claim, lines);
                claimId = id;
                lines = new ArrayList<>(2);
                claim = new Object[] {
                    member,
                    r.textField(),
                    r.textField().charAt(0),
                    r.dateField(),
                    r.dateField(),
                    r.textArray(),
                    r.textArray()
                };
            } else {
                r.skipFields(6);
            }
            int lineLength = r.int32();
            if (lineLength < 0) {
                r.skipFields(FIELDS - 9);
                continue;
            }
            int number = r.int32();
            lines.add(new ClaimResources.StoredLine(
                    number, r.dateField(), r.dateField(), r.textField(), r.textField(), r.textField()));
        }
        if (claim != null) claims(byMember, claim, lines);
        byMember.values().removeIf(List::isEmpty);
        return byMember;
    }

    @SuppressWarnings("unchecked")
    private static void claims(
            Map<String, List<ClaimResources.StoredClaim>> byMember, Object[] c, List<ClaimResources.StoredLine> lines) {
        byMember.get((String) c[0])
                .add(new ClaimResources.StoredClaim(
                        (String) c[1],
                        (char) c[2],
                        (LocalDate) c[3],
                        (LocalDate) c[4],
                        (List<String>) c[5],
                        (List<String>) c[6],
                        lines));
    }

    /** A cursor over COPY's binary format (big-endian lengths and values). */
    private static final class Reader {
        private final byte[] b;
        private final int size;
        private int p;

        Reader(byte[] b, int size) {
            this.b = b;
            this.size = size;
        }

        void header() {
            if (size < 19 || b[0] != 'P' || b[1] != 'G' || b[2] != 'C' || b[5] != 'Y')
                throw new IllegalStateException("not a binary COPY");
            p = 11 + 4; // signature, flags
            p += 4 + int32At(p); // header extension
        }

        private int int32At(int at) {
            if (at + 4 > size) throw new IllegalStateException("binary COPY cut short");
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }

        int int16() {
            if (p + 2 > size) throw new IllegalStateException("binary COPY cut short");
            int v = (short) (((b[p] & 0xff) << 8) | (b[p + 1] & 0xff));
            p += 2;
            return v;
        }

        int int32() {
            int v = int32At(p);
            p += 4;
            return v;
        }

        long int8Field() {
            if (int32() != 8) throw new IllegalStateException("bigint of another size");
            return ((long) int32() << 32) | (int32() & 0xffffffffL);
        }

        void skip(int length) {
            if (length > 0) p += length;
        }

        void skipFields(int n) {
            for (int i = 0; i < n; i++) skip(int32());
        }

        /** Whether the next {@code length} bytes are {@code value} (ASCII member ids; other text compares unequal). */
        boolean same(int length, String value) {
            if (length != value.length()) return false;
            for (int i = 0; i < length; i++) if (b[p + i] != value.charAt(i)) return false;
            p += length;
            return true;
        }

        String text(int length) {
            if (length < 0) return null;
            var s = new String(b, p, length, StandardCharsets.UTF_8);
            p += length;
            return s;
        }

        String textField() {
            return text(int32());
        }

        LocalDate dateField() {
            int length = int32();
            if (length < 0) return null;
            int days = int32();
            return LocalDate.ofEpochDay((long) days + POSTGRES_EPOCH_DAY);
        }

        /** A one-dimensional {@code text[]} (empty for an empty array), never null in these columns. */
        List<String> textArray() {
            int length = int32();
            if (length < 0) return List.of();
            int end = p + length;
            int dimensions = int32();
            int32(); // has nulls
            int32(); // element type
            if (dimensions == 0) {
                p = end;
                return List.of();
            }
            if (dimensions != 1) throw new IllegalStateException("text array of " + dimensions + " dimensions");
            int n = int32();
            int32(); // lower bound
            var values = new String[n];
            for (int i = 0; i < n; i++) values[i] = textField();
            p = end;
            return Arrays.asList(values);
        }
    }
}
