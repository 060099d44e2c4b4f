package org.commonweal.coverage.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.commonweal.coverage.EnrollmentSpan;
import org.commonweal.coverage.MemberResidence;
import org.commonweal.coverage.ProductLine;
import org.commonweal.coverage.x12.NameKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of the coverage schema. */
@Repository
class Members {

    static final String MEMBER_COLUMNS = """
            member_id, cin, mbi, medicaid_id, first_name, middle_name, last_name, birth_date, sex, address_line1,
            address_line2, city, state, zip, county_code, spa, rcac_region, phone, email, spoken_language,
            written_language, race_ethnicity""";

    private static final String SPAN_COLUMNS = """
            id, member_id, product_line, plan_code, aid_codes, begin_date, end_date, status, pcp_npi, pcp_name,
            pcp_location""";

    /**
     * The one eligibility query (REST, X12 270, FHIR): inquiries (member id or, when that is null, CIN; date), each
     * with the member and the span covering its date in one round trip; {@code q.n} is the inquiry's 1-based
     * position. Dates travel as text (a {@code LocalDate} parameter makes the driver build a calendar per statement,
     * JFR). The inquiries come from {@link #ONE} (plain parameters: binding three arrays made a single answer about
     * five times as expensive on the client, measured) or {@link #MANY} (arrays, for a batch).
     */
    private static final String ELIGIBILITY =
            "select q.n, " + qualified("m", MEMBER_COLUMNS) + ", " + qualified("s", SPAN_COLUMNS) + """

            from %s
            join lateral (
                (select * from coverage.member m where m.member_id = q.member_id)
                union all
                (select * from coverage.member m where q.member_id is null and m.cin = q.cin
                 order by m.member_id limit 1)
                limit 1) m on true
            left join lateral (
                select * from coverage.enrollment_span s
                where s.member_id = m.member_id and s.begin_date <= q.on_date::date
                  and (s.end_date is null or s.end_date >= q.on_date::date) and s.status <> 'suspended'
                order by s.begin_date desc, s.id desc limit 1) s on true
            """;

    private static final String ONE =
            ELIGIBILITY.formatted("(values (1::bigint, ?::text, ?::text, ?::text)) as q(n, member_id, cin, on_date)");

    private static final String MANY = ELIGIBILITY.formatted(
            "unnest(?::text[], ?::text[], ?::text[]) with ordinality as q(member_id, cin, on_date, n)");

    private static String qualified(String alias, String columns) {
        return java.util.Arrays.stream(columns.split(","))
                .map(c -> alias + "." + c.strip())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A member with the span covering the asked date, or none. */
    record MemberOnDate(MemberRecord member, EnrollmentSpan span) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Members(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    Optional<MemberRecord> byId(String memberId) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from coverage.member where member_id = ?")
                .param(memberId)
                .query(Members::member)
                .optional();
    }

    Optional<MemberRecord> byCin(String cin) {
        return jdbc.sql("select " + MEMBER_COLUMNS + " from coverage.member where cin = ? limit 1")
                .param(cin)
                .query(Members::member)
                .optional();
    }

    /**
     * The eligibility query for a whole batch ({@code memberIds[i]} or, when null, {@code cins[i]}, on
     * {@code dates[i]}); the array holds the answer of inquiry i at i, null when the member is unknown.
     */
    MemberOnDate[] onDates(String[] memberIds, String[] cins, LocalDate[] dates) {
        MemberOnDate[] answers = new MemberOnDate[memberIds.length];
        if (memberIds.length == 0) {
            return answers;
        }
        String[] days = new String[dates.length];
        for (int i = 0; i < days.length; i++) {
            days[i] = dates[i].toString();
        }
        boolean one = memberIds.length == 1;
        template.execute((java.sql.Connection c) -> {
            try (var ps = c.prepareStatement(one ? ONE : MANY)) {
                if (one) {
                    ps.setString(1, memberIds[0]);
                    ps.setString(2, cins[0]);
                    ps.setString(3, days[0]);
                } else {
                    ps.setArray(1, c.createArrayOf("text", memberIds));
                    ps.setArray(2, c.createArrayOf("text", cins));
                    ps.setArray(3, c.createArrayOf("text", days));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        answers[(int) rs.getLong(1) - 1] = onDate(rs, 1);
                    }
                }
            }
            return null;
        });
        return answers;
    }

    private static MemberOnDate onDate(ResultSet rs, int offset) throws SQLException {
        MemberRecord member = memberAt(rs, offset);
        EnrollmentSpan span = rs.getObject(offset + 23) == null ? null : spanAt(rs, offset + 22);
        return new MemberOnDate(member, span);
    }

    /** Member ids by the stored name key ("last first") and birth date, on the (birth_date, name_key) index. */
    List<String> idsByNameKey(String nameKey, LocalDate birthDate, int limit) {
        return jdbc.sql("select member_id from coverage.member where birth_date = ? and name_key = ? "
                        + "order by member_id limit ?")
                .params(birthDate, nameKey, limit)
                .query(String.class)
                .list();
    }

    /** Search by member id, CIN or MBI (exact), or by name and birth date (accent- and case-insensitive). */
    List<MemberRecord> search(String identifier, String name, LocalDate birthDate) {
        if (identifier != null && !identifier.isBlank()) {
            String id = identifier.trim().toUpperCase();
            return jdbc.sql("select " + MEMBER_COLUMNS + " from coverage.member "
                            + "where member_id = ? or cin = ? or mbi = ? order by member_id limit 50")
                    .params(id, id, id)
                    .query(Members::member)
                    .list();
        }
        if (name != null && !name.isBlank() && birthDate != null) {
            String[] words = NameKey.of(name).split(" ");
            // either "last first" or "first last" order typed by staff
            String sql = "select " + MEMBER_COLUMNS + " from coverage.member where birth_date = ? "
                    + "and (name_key like ? or name_key like ?) order by name_key limit 50";
            String forward = String.join(" ", words) + "%";
            String[] reversed = words.clone();
            java.util.Collections.reverse(Arrays.asList(reversed));
            return jdbc.sql(sql)
                    .params(birthDate, forward, String.join(" ", reversed) + "%")
                    .query(Members::member)
                    .list();
        }
        return List.of();
    }

    List<EnrollmentSpan> spans(String memberId) {
        return jdbc.sql("""
                select id, member_id, product_line, plan_code, aid_codes, begin_date, end_date, status, pcp_npi,
                       pcp_name, pcp_location
                from coverage.enrollment_span where member_id = ? order by begin_date desc, id desc""").param(memberId).query(Members::span).list();
    }

    /** The spans of many members in one query, each member's newest first. */
    java.util.Map<String, List<EnrollmentSpan>> spans(java.util.Collection<String> memberIds) {
        var out = new java.util.HashMap<String, List<EnrollmentSpan>>();
        jdbc.sql("""
                select id, member_id, product_line, plan_code, aid_codes, begin_date, end_date, status, pcp_npi,
                       pcp_name, pcp_location
                from coverage.enrollment_span where member_id = any(?)
                order by member_id, begin_date desc, id desc""")
                .param(memberIds.toArray(String[]::new))
                .query(Members::span)
                .list()
                .forEach(span -> out.computeIfAbsent(span.memberId(), k -> new java.util.ArrayList<>())
                        .add(span));
        return out;
    }

    /** The span covering {@code date}, the latest-starting one if several overlap. */
    Optional<EnrollmentSpan> coveringSpan(String memberId, LocalDate date) {
        return jdbc.sql("""
                select id, member_id, product_line, plan_code, aid_codes, begin_date, end_date, status, pcp_npi,
                       pcp_name, pcp_location
                from coverage.enrollment_span
                where member_id = ? and begin_date <= ? and (end_date is null or end_date >= ?)
                  and status <> 'suspended'
                order by begin_date desc, id desc limit 1""").params(memberId, date, date).query(Members::span).optional();
    }

    List<ProductLine> productLines() {
        return jdbc.sql("""
                select code, name, payer_name, member_phone, nurse_phone, medicaid from coverage.product_line
                order by sort_order, code""")
                .query((rs, n) -> new ProductLine(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getBoolean(6)))
                .list();
    }

    /** Plan code (HD04) to the plan's name ("Medi-Cal via Blue Shield of California Promise"), for pages. */
    java.util.Map<String, String> planNames() {
        var names = new java.util.LinkedHashMap<String, String>();
        jdbc.sql("select plan_code, name from coverage.plan order by plan_code")
                .query((rs, n) -> names.put(rs.getString(1), rs.getString(2)))
                .list();
        return names;
    }

    /** Product line code to its name, for pages that show a span's line in words. */
    java.util.Map<String, String> productLineNames() {
        return productLines().stream()
                .collect(java.util.stream.Collectors.toMap(
                        ProductLine::code, ProductLine::name, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    List<MemberChange> history(String memberId) {
        return jdbc.sql("""
                select c.changed_at, c.source, c.username, c.reason,
                       c.summary || coalesce(' · REF ' || array_to_string(c.raw_references, ' | '), ''),
                       c.transaction_set, f.file_name
                from coverage.member_change c left join coverage.import_file f on f.id = c.import_id
                where c.member_id = ? order by c.changed_at desc, c.id desc limit 200""")
                .param(memberId)
                .query((rs, n) -> new MemberChange(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .list();
    }

    long countActive(LocalDate date) {
        return jdbc.sql("""
                select count(distinct member_id) from coverage.enrollment_span
                where begin_date <= ? and (end_date is null or end_date >= ?) and status <> 'suspended'""").params(date, date).query(Long.class).single();
    }

    /** Streams with a server-side cursor (fetch size), so 2.9 million rows never sit in memory. */
    void forEachActive(LocalDate date, Consumer<MemberResidence> consumer) {
        forEachActive(date, false, (member, span) -> consumer.accept(member));
    }

    /**
     * {@link #forEachActive(LocalDate, Consumer)}, with the span covering {@code date} when {@code withSpan} (the one
     * the eligibility query chooses: the latest-starting, then the highest id; null otherwise).
     */
    void forEachActive(LocalDate date, boolean withSpan, BiConsumer<MemberResidence, EnrollmentSpan> consumer) {
        template.execute((java.sql.Connection connection) -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (var ps =
                    connection.prepareStatement("""
                    select distinct on (m.member_id) m.member_id, m.zip, m.spa, m.rcac_region, m.latitude, m.longitude,
                           m.spoken_language, s.product_line, m.birth_date, m.sex, m.race_ethnicity""" + (withSpan ? ", " + qualified("s", SPAN_COLUMNS) : "") + """

                    from coverage.enrollment_span s join coverage.member m on m.member_id = s.member_id
                    where s.begin_date <= ? and (s.end_date is null or s.end_date >= ?) and s.status <> 'suspended'
                    order by m.member_id, s.begin_date desc, s.id desc""")) {
                ps.setFetchSize(5000);
                ps.setObject(1, date);
                ps.setObject(2, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        consumer.accept(residence(rs), withSpan ? spanAt(rs, 11) : null);
                    }
                }
            } finally {
                connection.commit();
                connection.setAutoCommit(auto);
            }
            return null;
        });
    }

    /**
     * A {@link MemberResidence} from a row whose first eleven columns are member_id, zip, spa, rcac_region, latitude,
     * longitude, spoken_language, product_line, birth_date, sex, race_ethnicity.
     */
    static MemberResidence residence(ResultSet rs) throws SQLException {
        return new MemberResidence(
                rs.getString(1),
                rs.getString(2),
                (Integer) rs.getObject(3),
                (Integer) rs.getObject(4),
                (Double) rs.getObject(5),
                (Double) rs.getObject(6),
                rs.getString(7),
                rs.getString(8),
                rs.getObject(9, LocalDate.class),
                rs.getString(10),
                rs.getString(11));
    }

    static MemberRecord member(ResultSet rs, int row) throws SQLException {
        return memberAt(rs, 0);
    }

    /** The member columns starting after column {@code o}. */
    private static MemberRecord memberAt(ResultSet rs, int o) throws SQLException {
        return new MemberRecord(
                rs.getString(o + 1),
                rs.getString(o + 2),
                rs.getString(o + 3),
                rs.getString(o + 4),
                rs.getString(o + 5),
                rs.getString(o + 6),
                rs.getString(o + 7),
                date(rs, o + 8),
                rs.getString(o + 9),
                rs.getString(o + 10),
                rs.getString(o + 11),
                rs.getString(o + 12),
                rs.getString(o + 13),
                rs.getString(o + 14),
                rs.getString(o + 15),
                (Integer) rs.getObject(o + 16),
                (Integer) rs.getObject(o + 17),
                rs.getString(o + 18),
                rs.getString(o + 19),
                rs.getString(o + 20),
                rs.getString(o + 21),
                rs.getString(o + 22));
    }

    static EnrollmentSpan span(ResultSet rs, int row) throws SQLException {
        return spanAt(rs, 0);
    }

    /**
     * A date column read as its ISO text (the driver always sets DateStyle ISO). {@code getObject(i, LocalDate.class)}
     * builds a new calendar for every result set, a visible share of an eligibility answer (JFR).
     */
    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : LocalDate.parse(text);
    }

    /** The span columns starting after column {@code o}. */
    private static EnrollmentSpan spanAt(ResultSet rs, int o) throws SQLException {
        Array aid = rs.getArray(o + 5);
        List<String> aidCodes = aid == null ? List.of() : List.of((String[]) aid.getArray());
        return new EnrollmentSpan(
                rs.getLong(o + 1),
                rs.getString(o + 2),
                rs.getString(o + 3),
                rs.getString(o + 4),
                aidCodes,
                date(rs, o + 6),
                date(rs, o + 7),
                rs.getString(o + 8),
                rs.getString(o + 9),
                rs.getString(o + 10),
                rs.getString(o + 11));
    }

    record MemberChange(
            java.time.Instant at,
            String source,
            String username,
            String reason,
            String summary,
            String transactionSet,
            String fileName) {}
}
