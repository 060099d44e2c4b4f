package org.commonweal.coverage.x12;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every statement on {@code coverage.import_file}, the record of each 834 import: the importer, the applier's
 * checkpoints and the reports go through here, and the status is an {@link ImportStatus}.
 */
final class ImportFiles {

    private final JdbcClient jdbc;

    ImportFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What the envelope tells about a file before it is applied. */
    record Received(String fileName, String isa13, String sha256, String sender, long sizeBytes, String startedBy) {}

    /** Records a file; a status other than {@link ImportStatus#RUNNING} is final at once. */
    long insert(Received file, ImportStatus status, String message) {
        return jdbc.sql("""
                insert into coverage.import_file (file_name, isa13, sha256, sender, status, message, started_by,
                    size_bytes, finished_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, case when ? then null else now() end) returning id""")
                .params(
                        file.fileName(),
                        file.isa13(),
                        file.sha256(),
                        file.sender(),
                        status.code(),
                        message,
                        file.startedBy(),
                        file.sizeBytes(),
                        status == ImportStatus.RUNNING)
                .query(Long.class)
                .single();
    }

    /** Records a refused file with its acknowledgment. */
    long insertRefused(Received file, String reason, String ack) {
        return jdbc.sql("""
                insert into coverage.import_file (file_name, isa13, sha256, sender, status, message, started_by,
                    size_bytes, finished_at, ack_999)
                values (?, ?, ?, ?, ?, ?, ?, ?, now(), ?) returning id""")
                .params(
                        file.fileName(),
                        file.isa13(),
                        file.sha256(),
                        file.sender(),
                        ImportStatus.REFUSED.code(),
                        reason,
                        file.startedBy(),
                        file.sizeBytes(),
                        ack)
                .query(Long.class)
                .single();
    }

    private static final List<String> TAKEN =
            List.of(ImportStatus.COMPLETED.code(), ImportStatus.AWAITING_APPROVAL.code(), ImportStatus.RUNNING.code());

    /** An earlier import of the same sender's ISA13 with other content, named for the person ("#12 (f.834, …)"). */
    Optional<String> reusedControlNumber(String isa13, String sender, String sha256) {
        return jdbc.sql("""
                select id, file_name, to_char(started_at, 'YYYY-MM-DD HH24:MI') from coverage.import_file
                where isa13 = ? and sender is not distinct from ? and sha256 <> ? and status = any(?)
                order by id limit 1""")
                .params(
                        isa13,
                        sender,
                        sha256,
                        java.util.stream.Stream.concat(
                                        TAKEN.stream(), java.util.stream.Stream.of(ImportStatus.FAILED.code()))
                                .toArray(String[]::new))
                .query((rs, n) -> "#" + rs.getLong(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + ")")
                .optional();
    }

    /** The import that took (or is taking) the same ISA13 and content. */
    /** The import of the same file that was applied, is under way, or failed half-way (then it is resumed). */
    Optional<Long> sameFile(String isa13, String sha256) {
        return jdbc.sql("""
                select id from coverage.import_file where isa13 = ? and sha256 = ? and status = any(?)
                order by id limit 1""")
                .params(
                        isa13,
                        sha256,
                        java.util.stream.Stream.concat(
                                        TAKEN.stream(), java.util.stream.Stream.of(ImportStatus.FAILED.code()))
                                .toArray(String[]::new))
                .query(Long.class)
                .optional();
    }

    /** A failed import taken up again: running, its error cleared (what it had committed stays). */
    void resumed(long id) {
        jdbc.sql("update coverage.import_file set status = ?, message = null, finished_at = null where id = ?")
                .params(ImportStatus.RUNNING.code(), id)
                .update();
    }

    int appliedThrough(long id) {
        return jdbc.sql("select applied_through from coverage.import_file where id = ?")
                .param(id)
                .query(Integer.class)
                .single();
    }

    /**
     * Writes the applier's progress in the chunk's own transaction ({@code c}), so a resumed import starts after the
     * last committed chunk.
     */
    static void checkpoint(Connection c, long id, int appliedThrough, long bytesRead, ImportCounts counts)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                update coverage.import_file set applied_through = ?, bytes_read = ?, transactions = ?, adds = ?,
                    changes = ?, terms = ?, reinstates = ?, audits = ?, unchanged = ?, rejects = ?
                where id = ?""")) {
            int i = 1;
            ps.setInt(i++, appliedThrough);
            ps.setLong(i++, bytesRead);
            for (int v : new int[] {
                counts.transactions,
                counts.adds,
                counts.changes,
                counts.terms,
                counts.reinstates,
                counts.audits,
                counts.unchanged,
                counts.rejects
            }) {
                ps.setInt(i++, v);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        }
    }

    /** The newest file date already applied from the sender of import {@code id}, other than {@code id}. */
    Optional<LocalDate> latestAppliedFileDate(long id) {
        return jdbc.sql("""
                select max(file_date) from coverage.import_file
                where id <> ? and status in (?, ?) and sender = (select sender from coverage.import_file where id = ?)""")
                .params(id, ImportStatus.COMPLETED.code(), ImportStatus.AWAITING_APPROVAL.code(), id)
                .query(LocalDate.class)
                .optional();
    }

    void header(long id, LocalDate fileDate, String purpose, boolean outOfOrder, String message) {
        jdbc.sql(
                        "update coverage.import_file set file_date = ?, purpose = ?, out_of_order = ?, message = ? where id = ?")
                .params(fileDate, purpose, outOfOrder, message, id)
                .update();
    }

    void failed(long id, String message) {
        jdbc.sql("update coverage.import_file set status = ?, message = ?, finished_at = now() where id = ?")
                .params(ImportStatus.FAILED.code(), message, id)
                .update();
    }

    /** The whole file was read: its purpose and date as the applier saw them. */
    void read(long id, String purpose, LocalDate fileDate) {
        jdbc.sql("update coverage.import_file set purpose = ?, file_date = ?, bytes_read = size_bytes where id = ?")
                .params(purpose, fileDate, id)
                .update();
    }

    void reconcileCandidates(long id, int candidates, boolean automatic) {
        jdbc.sql("update coverage.import_file set reconcile_candidates = ?, reconcile_mode = ? where id = ?")
                .params(candidates, automatic ? "auto" : "approval", id)
                .update();
    }

    /** The reconcile closed {@code spans}; a file awaiting approval is completed by it. */
    void reconciled(long id, int spans) {
        jdbc.sql("""
                update coverage.import_file set reconciled = ?, status = case when status = ? then ? else status end
                where id = ?""")
                .params(spans, ImportStatus.AWAITING_APPROVAL.code(), ImportStatus.COMPLETED.code(), id)
                .update();
    }

    void finished(long id, ImportStatus status, String ack) {
        jdbc.sql("update coverage.import_file set status = ?, finished_at = now(), ack_999 = ? where id = ?")
                .params(status.code(), ack, id)
                .update();
    }

    /** The file's date, or today for a file without one. */
    LocalDate fileDate(long id) {
        return jdbc.sql("select coalesce(file_date, current_date) from coverage.import_file where id = ?")
                .param(id)
                .query(LocalDate.class)
                .single();
    }

    List<Long> recent(int limit) {
        return jdbc.sql("select id from coverage.import_file order by id desc limit ?")
                .param(limit)
                .query(Long.class)
                .list();
    }

    Optional<ImportReport> report(long id, List<ImportReport.RejectLine> rejectLines) {
        return jdbc.sql("""
                select id, file_name, status, message, isa13, file_date, purpose, started_at, finished_at, size_bytes,
                       bytes_read, transactions, adds, changes, terms, reinstates, audits, unchanged, rejects,
                       out_of_order, reconcile_candidates, reconciled, ack_999
                from coverage.import_file where id = ?""")
                .param(id)
                .query((rs, n) -> new ImportReport(
                        rs.getLong(1),
                        rs.getString(2),
                        ImportStatus.of(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, LocalDate.class),
                        rs.getString(7),
                        rs.getTimestamp(8).toInstant(),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                        rs.getLong(10),
                        rs.getLong(11),
                        rs.getInt(12),
                        rs.getInt(13),
                        rs.getInt(14),
                        rs.getInt(15),
                        rs.getInt(16),
                        rs.getInt(17),
                        rs.getInt(18),
                        rs.getInt(19),
                        rs.getBoolean(20),
                        (Integer) rs.getObject(21),
                        (Integer) rs.getObject(22),
                        rejectLines,
                        rs.getString(23)))
                .optional();
    }
}
