package org.commonweal.coverage.x12;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.commonweal.geography.Address;
import org.commonweal.geography.Geocoded;
import org.commonweal.geography.Geocoder;
import org.commonweal.platform.CopyBinary;

/**
 * Applies member loops in chunks, one database transaction per chunk that also moves the import's checkpoint, so a
 * crash loses at most the chunk in flight and a re-run resumes exactly where the last commit left off. Each chunk
 * writes with a handful of set-based statements (arrays bound to {@code unnest}), not one statement per member.
 */
final class Enrollment834Applier implements Enrollment834Parser.Handler {

    private final DataSource dataSource;
    private final Geocoder geocoder;
    private final long importId;
    private final int resumeAfter;
    private final int chunkSize;
    private final LongSupplier bytesRead;
    private final ImportCounts counts;
    // filled by the parsing thread
    private List<MemberTransaction> pendingMembers = new ArrayList<>();
    private final Set<String> pendingIds = new HashSet<>();
    private List<Reject> pendingRejects = new ArrayList<>();
    private Enrollment834Parser.FileHeader header;
    private int lastSequence;
    // handed to the writing thread, at most two chunks waiting: memory stays bounded whatever the file size
    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(2);
    private Thread writer;
    private volatile Exception failure;
    // used by the writing thread only
    private List<MemberTransaction> chunk;
    private List<Reject> rejects;
    private Chunk current;
    private final Map<String, Geocoded> geocodes = new HashMap<>();
    private Runnable onChunk = () -> {};
    // a first load into empty member and span tables: the ids written so far (null otherwise)
    private SeenIds written;

    /** One chunk of member loops and rejects, written in one transaction together with the checkpoint. */
    private record Chunk(
            List<MemberTransaction> members,
            List<Reject> rejects,
            int lastSequence,
            boolean full,
            LocalDate fileDate,
            long bytesRead) {}

    private static final Chunk END = new Chunk(List.of(), List.of(), 0, false, null, 0);

    Enrollment834Applier(
            DataSource dataSource,
            Geocoder geocoder,
            long importId,
            int resumeAfter,
            ImportCounts counts,
            int chunkSize,
            LongSupplier bytesRead) {
        this.dataSource = dataSource;
        this.geocoder = geocoder;
        this.importId = importId;
        this.resumeAfter = resumeAfter;
        this.counts = counts;
        this.chunkSize = chunkSize;
        this.bytesRead = bytesRead;
    }

    /**
     * The import started on empty member and span tables (and is no resumed run): the chunk's probes for existing
     * members and spans ask only for ids this import may have written already ({@link SeenIds}).
     */
    void firstLoad(long expectedMembers) {
        this.written = new SeenIds(expectedMembers);
    }

    void onChunk(Runnable listener) {
        this.onChunk = listener;
    }

    Enrollment834Parser.FileHeader header() {
        return header;
    }

    boolean full() {
        return header != null && header.purpose().equals("full");
    }

    @Override
    public void header(Enrollment834Parser.FileHeader header) {
        if (this.header == null) {
            this.header = header;
        }
    }

    @Override
    public void member(MemberTransaction t) throws SQLException {
        if (t.sequence() <= resumeAfter) {
            lastSequence = t.sequence();
            return;
        }
        if (t.maintenanceType().equals("030")
                && header != null
                && !header.purpose().equals("full")) {
            // a file of audit loops is a full file whatever BGN08 says
            header = new Enrollment834Parser.FileHeader(
                    header.transactionSet(),
                    header.reference(),
                    header.fileDate(),
                    "full",
                    header.sponsor(),
                    header.payer());
        }
        // one member at most once per chunk, so the set-based statements keep the file's order for that member
        if (pendingIds.contains(t.memberId())) {
            handOff();
        }
        lastSequence = t.sequence();
        pendingMembers.add(t);
        pendingIds.add(t.memberId());
        if (pendingMembers.size() >= chunkSize) {
            handOff();
        }
    }

    @Override
    public void reject(Reject reject) throws SQLException {
        lastSequence++;
        if (lastSequence <= resumeAfter) {
            return;
        }
        pendingRejects.add(reject);
        if (pendingRejects.size() >= chunkSize) {
            handOff();
        }
    }

    /**
     * Passes the pending chunk to the writing thread (started on the first chunk), so parsing the next chunk overlaps
     * with writing this one; blocks while two chunks already wait. Chunks are written in file order, one transaction
     * each, by that single thread.
     */
    private void handOff() throws SQLException {
        if (pendingMembers.isEmpty() && pendingRejects.isEmpty()) {
            return;
        }
        throwIfFailed();
        LocalDate fileDate = header != null && header.fileDate() != null ? header.fileDate() : LocalDate.now();
        var next = new Chunk(pendingMembers, pendingRejects, lastSequence, full(), fileDate, bytesRead.getAsLong());
        pendingMembers = new ArrayList<>();
        pendingRejects = new ArrayList<>();
        pendingIds.clear();
        if (writer == null) {
            writer = Thread.ofPlatform()
                    .name("834-apply-" + importId)
                    .daemon(true)
                    .start(this::writeLoop);
        }
        put(next);
    }

    private void put(Chunk next) throws SQLException {
        try {
            while (!queue.offer(next, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throwIfFailed();
                if (!writer.isAlive()) {
                    throw new SQLException("834 writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while handing a chunk to the writer", e);
        }
    }

    private void throwIfFailed() throws SQLException {
        Exception e = failure;
        if (e instanceof SQLException sql) {
            throw new SQLException(sql.getMessage(), sql.getSQLState(), sql);
        }
        if (e != null) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                Chunk next = queue.take();
                if (next == END) {
                    return;
                }
                if (failure == null) {
                    write(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
            queue.clear();
        }
    }

    /** Writes what is pending and waits until every chunk is committed; called at the end of the file. */
    void flush() throws SQLException {
        handOff();
        close();
        throwIfFailed();
    }

    /** Stops the writing thread after the chunks already handed over (also when parsing failed). */
    void close() throws SQLException {
        if (writer == null) {
            return;
        }
        try {
            while (writer.isAlive() && !queue.offer(END, 200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // the writer drains the queue, or has died and the loop ends
            }
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the writer", e);
        }
    }

    private void write(Chunk next) throws SQLException {
        current = next;
        chunk = new ArrayList<>(next.members());
        rejects = new ArrayList<>(next.rejects());
        LocalDate fileDate = next.fileDate();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                asynchronousCommit(c);
                Set<String> changed = new HashSet<>();
                Map<String, String> summaries = new LinkedHashMap<>();
                Set<String> existing = existingMembers(c);
                rejectUnknownMembers(existing);
                Set<String> added = upsertMembers(c, changed, existing);
                upsertSpans(c, fileDate, changed, summaries, added);
                terminate(c, changed, summaries);
                reinstateLatest(c, changed, summaries);
                Set<String> recorded = history(c, changed, summaries);
                if (next.full()) {
                    seen(c, recorded);
                }
                writeRejects(c);
                for (MemberTransaction t : chunk) {
                    counts.count(t.maintenanceType());
                    if (!changed.contains(t.memberId())) {
                        counts.unchanged++;
                    }
                }
                counts.rejects += rejects.size();
                checkpoint(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (written != null) {
            next.members().forEach(t -> written.add(t.memberId()));
        }
        onChunk.run();
    }

    /**
     * A chunk's commit does not wait for its WAL to reach the disk (issue #23: one fsync per chunk was several seconds
     * of a full load). Safe for the import's promise: the chunk and its checkpoint commit together, PostgreSQL loses
     * after its own crash at most the last few such commits (never a part of one, never a later one without an earlier
     * one), so a re-run resumes from the checkpoint that did survive; the importer's own kill -9 loses nothing, the
     * server still writes the WAL. The import's end (status, 999) is committed synchronously, which flushes the WAL of
     * every chunk before it: a file reported completed is on disk.
     */
    private static void asynchronousCommit(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("set local synchronous_commit to off");
        }
    }

    private static final String[][] MEMBER_FIELDS = {
        {"cin", "coalesce(excluded.cin, m.cin)"},
        {"mbi", "coalesce(excluded.mbi, m.mbi)"},
        {"medicaid_id", "coalesce(excluded.medicaid_id, m.medicaid_id)"},
        {"first_name", "excluded.first_name"},
        {"middle_name", "excluded.middle_name"},
        {"last_name", "excluded.last_name"},
        {"name_key", "excluded.name_key"},
        {"birth_date", "coalesce(excluded.birth_date, m.birth_date)"},
        {"sex", "coalesce(excluded.sex, m.sex)"},
        {"address_line1", "coalesce(excluded.address_line1, m.address_line1)"},
        {
            "address_line2",
            "case when excluded.address_line1 is null then m.address_line2 else excluded.address_line2 end"
        },
        {"city", "coalesce(excluded.city, m.city)"},
        {"state", "coalesce(excluded.state, m.state)"},
        {"zip", "coalesce(excluded.zip, m.zip)"},
        {"county_code", "coalesce(excluded.county_code, m.county_code)"},
        {"latitude", "case when excluded.zip is null then m.latitude else excluded.latitude end"},
        {"longitude", "case when excluded.zip is null then m.longitude else excluded.longitude end"},
        {"spa", "case when excluded.zip is null then m.spa else excluded.spa end"},
        {"rcac_region", "case when excluded.zip is null then m.rcac_region else excluded.rcac_region end"},
        {"phone", "coalesce(excluded.phone, m.phone)"},
        {"email", "coalesce(excluded.email, m.email)"},
        {"spoken_language", "coalesce(excluded.spoken_language, m.spoken_language)"},
        {"written_language", "coalesce(excluded.written_language, m.written_language)"},
        {"hicn", "coalesce(excluded.hicn, m.hicn)"},
        {"raw_references", "coalesce(excluded.raw_references, m.raw_references)"}
    };

    /** Separates the raw references of one member in the text bound to {@code unnest} (arrays of arrays cannot be). */
    private static final char UNIT = '\u001f';

    private static final String UPSERT_MEMBERS = upsertMembersSql();

    private static String upsertMembersSql() {
        var cols = new StringBuilder("member_id");
        var sets = new StringBuilder();
        var old = new StringBuilder();
        var now = new StringBuilder();
        for (String[] f : MEMBER_FIELDS) {
            cols.append(", ").append(f[0]);
            sets.append(f[0]).append(" = ").append(f[1]).append(", ");
            old.append(old.isEmpty() ? "" : ", ").append("m.").append(f[0]);
            now.append(now.isEmpty() ? "" : ", ").append(f[1]);
        }
        var select = new StringBuilder("u.c1");
        for (int i = 2; i <= MEMBER_FIELDS.length; i++) {
            select.append(", u.c").append(i);
        }
        select.append(", string_to_array(u.c").append(MEMBER_FIELDS.length + 1).append(", chr(31))");
        var alias = new StringBuilder("c1");
        for (int i = 2; i <= MEMBER_FIELDS.length + 1; i++) {
            alias.append(", c").append(i);
        }
        return "insert into coverage.member as m (" + cols + ") select " + select + " from unnest("
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::date[], "
                + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::float8[], "
                + "?::float8[], ?::int[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) "
                + "as u(" + alias + ") "
                + "on conflict (member_id) do update set " + sets + "updated_at = now() "
                + "where (" + old + ") is distinct from (" + now + ") returning member_id";
    }

    private static final String COPY_MEMBERS = "coverage.member (member_id, cin, mbi, medicaid_id, first_name, "
            + "middle_name, last_name, name_key, birth_date, sex, address_line1, address_line2, city, state, zip, "
            + "county_code, latitude, longitude, spa, rcac_region, phone, email, spoken_language, written_language, "
            + "hicn, raw_references)";

    /**
     * Members new to the table are written with COPY (no speculative insertion, multi-row heap insert), the others
     * with the upsert that rewrites only changed rows. Returns the members added by COPY.
     */
    private Set<String> upsertMembers(Connection c, Set<String> changed, Set<String> existing) throws SQLException {
        List<MemberTransaction> rows =
                chunk.stream().filter(MemberTransaction::hasDemographics).toList();
        Set<String> added = new HashSet<>();
        if (rows.isEmpty()) {
            return added;
        }
        List<MemberTransaction> known = new ArrayList<>();
        List<MemberTransaction> fresh = new ArrayList<>();
        rows.forEach(t -> (existing.contains(t.memberId()) ? known : fresh).add(t));
        if (!fresh.isEmpty()) {
            var savepoint = c.setSavepoint();
            try (var out = new CopyBinary(c, COPY_MEMBERS, 26)) {
                copyMembers(fresh, out);
                out.finish();
                c.releaseSavepoint(savepoint);
                fresh.forEach(t -> changed.add(t.memberId()));
                fresh.forEach(t -> added.add(t.memberId()));
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // someone else added one of them meanwhile: let the upsert sort it out
                c.rollback(savepoint);
                known.addAll(fresh);
            }
        }
        if (!known.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(UPSERT_MEMBERS)) {
                bindMembers(c, ps, known);
                collect(ps, changed);
            }
        }
        return added;
    }

    /** Streams the rows of members new to the table (binary COPY, issue #23). */
    private void copyMembers(List<MemberTransaction> rows, CopyBinary out) throws SQLException {
        for (MemberTransaction t : rows) {
            Geocoded g = t.zip() == null ? null : geocode(t);
            out.row()
                    .text(t.memberId())
                    .text(t.cin())
                    .text(t.mbi())
                    .text(t.medicaidId())
                    .text(t.firstName())
                    .text(t.middleName())
                    .text(t.lastName())
                    .text(NameKey.of(t.lastName(), t.firstName()))
                    .date(t.birthDate())
                    .text(t.sex())
                    .text(t.addressLine1())
                    .text(t.addressLine2())
                    .text(t.city())
                    .text(t.state())
                    .text(t.zip())
                    .text(t.countyCode())
                    .float8(g == null ? null : g.point().latitude())
                    .float8(g == null ? null : g.point().longitude())
                    .int4(g == null ? null : g.spa())
                    .int4(g == null ? null : g.rcacRegion())
                    .text(t.phone())
                    .text(t.email())
                    .text(t.spokenLanguage())
                    .text(t.writtenLanguage())
                    .text(t.hicn())
                    .textArray(t.references().isEmpty() ? null : t.references());
        }
    }

    private void bindMembers(Connection c, PreparedStatement ps, List<MemberTransaction> rows) throws SQLException {
        int n = rows.size();
        Object[][] cols = new Object[26][n];
        for (int i = 0; i < n; i++) {
            MemberTransaction t = rows.get(i);
            Geocoded g = t.zip() == null ? null : geocode(t);
            Object[] v = {
                t.memberId(),
                t.cin(),
                t.mbi(),
                t.medicaidId(),
                t.firstName(),
                t.middleName(),
                t.lastName(),
                NameKey.of(t.lastName(), t.firstName()),
                t.birthDate(),
                t.sex(),
                t.addressLine1(),
                t.addressLine2(),
                t.city(),
                t.state(),
                t.zip(),
                t.countyCode(),
                g == null ? null : g.point().latitude(),
                g == null ? null : g.point().longitude(),
                g == null ? null : g.spa(),
                g == null ? null : g.rcacRegion(),
                t.phone(),
                t.email(),
                t.spokenLanguage(),
                t.writtenLanguage(),
                t.hicn(),
                t.references().isEmpty() ? null : String.join(String.valueOf(UNIT), t.references())
            };
            for (int col = 0; col < v.length; col++) {
                cols[col][i] = v[col];
            }
        }
        String[] types = {
            "text", "text", "text", "text", "text", "text", "text", "text", "date", "text", "text", "text", "text",
            "text", "text", "text", "float8", "float8", "int4", "int4", "text", "text", "text", "text", "text", "text"
        };
        for (int col = 0; col < types.length; col++) {
            ps.setArray(col + 1, c.createArrayOf(types[col], cols[col]));
        }
    }

    private Geocoded geocode(MemberTransaction t) {
        String zip5 = t.zip().length() >= 5 ? t.zip().substring(0, 5) : t.zip();
        return geocodes.computeIfAbsent(
                zip5,
                z -> geocoder.geocode(new Address(t.addressLine1(), t.addressLine2(), t.city(), t.state(), t.zip()))
                        .orElse(null));
    }

    private static final String UPSERT_SPANS = """
            insert into coverage.enrollment_span as s (member_id, product_line, plan_code, aid_codes, begin_date,
                end_date, status, pcp_npi, pcp_name, pcp_location)
            select u.member_id, p.product_line, u.plan_code, coalesce(string_to_array(u.aid, ';'), '{}'), u.begin_date,
                   u.end_date, u.status, u.npi, u.pcp_name, u.pcp_location
            from unnest(?::text[], ?::text[], ?::text[], ?::date[], ?::date[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(member_id, plan_code, aid, begin_date, end_date, status, npi, pcp_name, pcp_location)
            join coverage.plan p on p.plan_code = u.plan_code
            on conflict (member_id, plan_code, begin_date) do update set
                aid_codes = case when cardinality(excluded.aid_codes) = 0 then s.aid_codes else excluded.aid_codes end,
                end_date = excluded.end_date, status = excluded.status,
                pcp_npi = coalesce(excluded.pcp_npi, s.pcp_npi), pcp_name = coalesce(excluded.pcp_name, s.pcp_name),
                pcp_location = coalesce(excluded.pcp_location, s.pcp_location), updated_at = now()
            where (s.aid_codes, s.end_date, s.status, s.pcp_npi, s.pcp_name, s.pcp_location)
                is distinct from (case when cardinality(excluded.aid_codes) = 0 then s.aid_codes else excluded.aid_codes end,
                excluded.end_date, excluded.status, coalesce(excluded.pcp_npi, s.pcp_npi),
                coalesce(excluded.pcp_name, s.pcp_name), coalesce(excluded.pcp_location, s.pcp_location))
            returning member_id""";

    private static final String COPY_SPANS = "coverage.enrollment_span (member_id, product_line, plan_code, aid_codes, "
            + "begin_date, end_date, status, pcp_npi, pcp_name, pcp_location)";

    /**
     * Spans keyed by (member, plan, begin): upserted, except for members just added that hold no span at all (checked
     * with one index probe, as spans are not tied to member rows), whose spans are written with COPY.
     */
    private void upsertSpans(
            Connection c, LocalDate fileDate, Set<String> changed, Map<String, String> summaries, Set<String> added)
            throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (MemberTransaction t : chunk) {
            Map<String, Object[]> byKey = new LinkedHashMap<>();
            for (MemberTransaction.CoverageLine line : t.coverages()) {
                if (!line.voided() && (effectiveType(t, line).equals("024") || line.begin() == null)) {
                    continue;
                }
                String status = line.voided()
                        ? "void"
                        : line.end() == null || !line.end().isBefore(fileDate) ? "active" : "terminated";
                byKey.put(line.planCode() + "|" + line.begin(), new Object[] {
                    t.memberId(),
                    line.planCode(),
                    line.aidCodes().isEmpty() ? null : String.join(";", line.aidCodes()),
                    line.begin(),
                    line.end(),
                    status,
                    line.pcpNpi(),
                    line.pcpName(),
                    line.pcpLocation()
                });
                summaries.merge(t.memberId(), describe(t, line), (a, b) -> a + "; " + b);
            }
            rows.addAll(byKey.values());
        }
        if (rows.isEmpty()) {
            return;
        }
        if (!added.isEmpty()) {
            rows = copySpans(c, rows, added, changed);
            if (rows.isEmpty()) {
                return;
            }
        }
        String[] types = {"text", "text", "text", "date", "date", "text", "text", "text", "text"};
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SPANS)) {
            bindColumns(c, ps, rows, types);
            collect(ps, changed);
        }
    }

    /** Writes with COPY the spans of newly added members that have none yet; returns the rows left to upsert. */
    private List<Object[]> copySpans(Connection c, List<Object[]> rows, Set<String> added, Set<String> changed)
            throws SQLException {
        Set<String> candidates = new HashSet<>();
        for (Object[] r : rows) {
            if (added.contains((String) r[0])) {
                candidates.add((String) r[0]);
            }
        }
        if (candidates.isEmpty()) {
            return rows;
        }
        Set<String> withSpans = new HashSet<>();
        Object[] probe = candidates.stream().filter(this::mightBeWritten).toArray();
        if (probe.length > 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select distinct member_id from coverage.enrollment_span where member_id = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", probe));
                collect(ps, withSpans);
            }
        }
        candidates.removeAll(withSpans);
        Map<String, String> lines = productLines(c);
        List<Object[]> rest = new ArrayList<>();
        List<Object[]> copy = new ArrayList<>();
        Set<String> copied = new HashSet<>();
        for (Object[] r : rows) {
            if (!candidates.contains((String) r[0]) || lines.get((String) r[1]) == null) {
                rest.add(r);
            } else {
                copy.add(r);
                copied.add((String) r[0]);
            }
        }
        if (copy.isEmpty()) {
            return rows;
        }
        var savepoint = c.setSavepoint();
        try (var out = new CopyBinary(c, COPY_SPANS, 10)) {
            for (Object[] r : copy) {
                String aid = (String) r[2];
                out.row()
                        .text((String) r[0])
                        .text(lines.get((String) r[1]))
                        .text((String) r[1])
                        .textArray(aid == null ? List.of() : List.of(aid.split(";", -1)))
                        .date((LocalDate) r[3])
                        .date((LocalDate) r[4])
                        .text((String) r[5])
                        .text((String) r[6])
                        .text((String) r[7])
                        .text((String) r[8]);
            }
            out.finish();
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            // a concurrent writer added a span meanwhile: upsert them all
            c.rollback(savepoint);
            return rows;
        }
        changed.addAll(copied);
        return rest;
    }

    private Map<String, String> productLines;

    /** Plan code → product line, as the upsert's join with coverage.plan finds it (read once per import). */
    private Map<String, String> productLines(Connection c) throws SQLException {
        if (productLines == null) {
            Map<String, String> m = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select plan_code, product_line from coverage.plan");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), rs.getString(2));
                }
            }
            productLines = m;
        }
        return productLines;
    }

    private static String effectiveType(MemberTransaction t, MemberTransaction.CoverageLine line) {
        String hd01 = line.maintenanceType();
        return hd01 == null
                        || hd01.isEmpty()
                        || !Enrollment834Parser.MAINTENANCE_TYPES.contains(hd01)
                        || t.maintenanceType().equals("024")
                ? t.maintenanceType()
                : hd01;
    }

    private static String describe(MemberTransaction t, MemberTransaction.CoverageLine line) {
        if (line.voided()) {
            return "void " + line.planCode() + " " + line.begin() + " (DTP*349 " + line.end()
                    + " the day before DTP*348: the span never took effect)";
        }
        String what = switch (t.maintenanceType()) {
            case "021" -> "add";
            case "001" -> "change";
            case "025" -> "reinstate";
            case "030" -> "audit";
            default -> "terminate";
        };
        return what + " " + line.planCode() + " " + line.begin() + (line.end() == null ? " open" : " to " + line.end());
    }

    private static final String TERMINATE = """
            update coverage.enrollment_span s set end_date = u.end_date, status = 'terminated', updated_at = now()
            from unnest(?::text[], ?::text[], ?::date[]) as u(member_id, plan_code, end_date)
            where s.member_id = u.member_id and (u.plan_code is null or s.plan_code = u.plan_code)
              and s.begin_date <= u.end_date and (s.end_date is null or s.end_date > u.end_date)
            returning s.member_id""";

    private void terminate(Connection c, Set<String> changed, Map<String, String> summaries) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (MemberTransaction t : chunk) {
            boolean any = false;
            for (MemberTransaction.CoverageLine line : t.coverages()) {
                if (line.voided()) {
                    any = true;
                } else if (effectiveType(t, line).equals("024")) {
                    LocalDate end = line.end() != null ? line.end() : t.eligibilityEnd();
                    if (end != null) {
                        rows.add(new Object[] {t.memberId(), line.planCode(), end});
                        summaries.merge(
                                t.memberId(), "terminate " + line.planCode() + " on " + end, (a, b) -> a + "; " + b);
                        any = true;
                    }
                }
            }
            if (!any && t.maintenanceType().equals("024") && t.eligibilityEnd() != null) {
                rows.add(new Object[] {t.memberId(), null, t.eligibilityEnd()});
                summaries.merge(
                        t.memberId(), "terminate all coverage on " + t.eligibilityEnd(), (a, b) -> a + "; " + b);
            }
        }
        if (!rows.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(TERMINATE)) {
                bindColumns(c, ps, rows, new String[] {"text", "text", "date"});
                collect(ps, changed);
            }
        }
    }

    private void reinstateLatest(Connection c, Set<String> changed, Map<String, String> summaries) throws SQLException {
        List<String> ids = chunk.stream()
                .filter(t -> t.maintenanceType().equals("025"))
                .filter(t -> t.coverages().stream().allMatch(l -> l.begin() == null))
                .map(MemberTransaction::memberId)
                .toList();
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update coverage.enrollment_span s set end_date = null, status = 'active', updated_at = now()
                where s.id in (select distinct on (member_id) id from coverage.enrollment_span
                               where member_id = any(?) order by member_id, begin_date desc, id desc)
                  and (s.end_date is not null or s.status <> 'active')
                returning s.member_id""")) {
            ps.setArray(1, c.createArrayOf("text", ids.toArray()));
            collect(ps, changed);
        }
        ids.forEach(id -> summaries.merge(id, "reinstate latest coverage", (a, b) -> a + "; " + b));
    }

    /** False only when the member cannot have a row: a first load that has not written this id. */
    private boolean mightBeWritten(String memberId) {
        return written == null || written.mightContain(memberId);
    }

    /** The members of the chunk already in the table: one index probe per chunk (on a first load, of a few). */
    private Set<String> existingMembers(Connection c) throws SQLException {
        Set<String> existing = new HashSet<>();
        Object[] ids = chunk.stream()
                .map(MemberTransaction::memberId)
                .filter(this::mightBeWritten)
                .toArray();
        if (ids.length == 0) {
            return existing;
        }
        try (PreparedStatement ps =
                c.prepareStatement("select member_id from coverage.member where member_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ids));
            collect(ps, existing);
        }
        return existing;
    }

    /**
     * A change (001), termination (024) or reinstatement (025) for a member the plan never had is rejected with its
     * reason, and nothing of it is written: no member row without a span.
     */
    private void rejectUnknownMembers(Set<String> existing) {
        var iterator = chunk.iterator();
        while (iterator.hasNext()) {
            MemberTransaction t = iterator.next();
            String what = switch (t.maintenanceType()) {
                case "001" -> "change";
                case "024" -> "termination";
                case "025" -> "reinstatement";
                default -> null;
            };
            if (what != null && !existing.contains(t.memberId())) {
                rejects.add(new Reject(
                        t.transactionSet(),
                        t.segmentNumber(),
                        t.positionInSet(),
                        "INS",
                        "2000",
                        t.memberId(),
                        3,
                        "7",
                        "INS03 " + t.maintenanceType() + " " + what + " for member "
                                + t.memberId() + " who is not enrolled with the plan (no 021 add or 030 audit "
                                + "before)"));
                iterator.remove();
            }
        }
    }

    private static final String COPY_HISTORY =
            "coverage.member_change (member_id, source, import_id, transaction_set, sequence, summary, raw_references)";

    /** One history row per member changed (file, transaction set, loop); returns the members it was written for. */
    private Set<String> history(Connection c, Set<String> changed, Map<String, String> summaries) throws SQLException {
        Set<String> recorded = new HashSet<>();
        for (MemberTransaction t : chunk) {
            if (changed.contains(t.memberId())) {
                recorded.add(t.memberId());
            }
        }
        if (recorded.isEmpty()) {
            return recorded;
        }
        var savepoint = c.setSavepoint();
        try (var out = new CopyBinary(c, COPY_HISTORY, 7)) {
            for (MemberTransaction t : chunk) {
                if (changed.contains(t.memberId())) {
                    out.row()
                            .text(t.memberId())
                            .text("834")
                            .int8(importId)
                            .text(t.transactionSet())
                            .int4(t.sequence())
                            .text(summary(t, summaries))
                            .textArray(t.references().isEmpty() ? null : t.references());
                }
            }
            out.finish();
            c.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            // the same loops written by a concurrent run of this import: keep what is there
            c.rollback(savepoint);
            historyIfAbsent(c, changed, summaries);
        }
        return recorded;
    }

    /** The history line of a member's loop: its maintenance type and what the chunk changed. */
    private static String summary(MemberTransaction t, Map<String, String> summaries) {
        return "834 " + t.maintenanceType() + ": " + summaries.getOrDefault(t.memberId(), "member details updated");
    }

    private void historyIfAbsent(Connection c, Set<String> changed, Map<String, String> summaries) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (MemberTransaction t : chunk) {
            if (changed.contains(t.memberId())) {
                rows.add(new Object[] {
                    t.memberId(),
                    t.transactionSet(),
                    t.sequence(),
                    summary(t, summaries),
                    t.references().isEmpty() ? null : String.join(String.valueOf(UNIT), t.references())
                });
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into coverage.member_change (member_id, source, import_id, transaction_set, sequence, summary,
                    raw_references)
                select u.member_id, '834', ?, u.st, u.seq, u.summary, string_to_array(u.refs, chr(31))
                from unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[])
                    as u(member_id, st, seq, summary, refs)
                on conflict (import_id, sequence) where import_id is not null do nothing""")) {
            ps.setLong(1, importId);
            String[] types = {"text", "text", "int4", "text", "text"};
            for (int col = 0; col < types.length; col++) {
                Object[] values = new Object[rows.size()];
                for (int i = 0; i < rows.size(); i++) {
                    values[i] = rows.get(i)[col];
                }
                ps.setArray(col + 2, c.createArrayOf(types[col], values));
            }
            ps.executeUpdate();
        }
    }

    /**
     * Records the members of a full file that have no history row of this import (unchanged, or rejected): the
     * reconcile counts a member as present when either exists, so a first load writes no "seen" rows at all.
     */
    private void seen(Connection c, Set<String> recorded) throws SQLException {
        List<String> ids = new ArrayList<>();
        current.members().forEach(t -> {
            if (!recorded.contains(t.memberId())) {
                ids.add(t.memberId());
            }
        });
        rejects.stream().map(Reject::memberId).filter(id -> id != null).forEach(ids::add);
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "insert into coverage.import_seen (import_id, member_id) select ?, unnest(?::text[])")) {
            ps.setLong(1, importId);
            ps.setArray(2, c.createArrayOf("text", ids.toArray()));
            ps.executeUpdate();
        }
    }

    private void writeRejects(Connection c) throws SQLException {
        if (rejects.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into coverage.import_reject (import_id, segment_number, loop_id, member_id, reason,
                    transaction_set, position_in_set, segment_tag, element_position, error_code, config_reason,
                    loop_text)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            for (Reject r : rejects) {
                ps.setLong(1, importId);
                ps.setInt(2, r.segmentNumber());
                ps.setString(3, r.loopId());
                ps.setString(4, r.memberId());
                ps.setString(5, r.reason());
                ps.setString(6, r.transactionSet());
                ps.setInt(7, r.positionInSet());
                ps.setString(8, r.segmentTag());
                ps.setInt(9, r.elementPosition());
                ps.setString(10, r.errorCode());
                ps.setString(11, r.configReason());
                ps.setString(12, r.loopText());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void checkpoint(Connection c) throws SQLException {
        ImportFiles.checkpoint(c, importId, current.lastSequence(), current.bytesRead(), counts);
    }

    private static void bindColumns(Connection c, PreparedStatement ps, List<Object[]> rows, String[] types)
            throws SQLException {
        for (int col = 0; col < types.length; col++) {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                values[i] = rows.get(i)[col];
            }
            ps.setArray(col + 1, c.createArrayOf(types[col], values));
        }
    }

    private static void collect(PreparedStatement ps, Set<String> changed) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                changed.add(rs.getString(1));
            }
        }
    }
}
