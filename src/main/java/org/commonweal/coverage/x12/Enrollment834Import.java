package org.commonweal.coverage.x12;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.geography.Geocoder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Imports X12 834 files: envelope check and hash, idempotence by ISA13 and content hash, resumable chunked apply,
 * full-file reconcile (automatic or on approval), the report and the 999 acknowledgment.
 */
@Service
public class Enrollment834Import {

    private static final Set<String> VERSIONS = Set.of(Enrollment834Parser.VERSION);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ImportFiles files;
    private final Geocoder geocoder;
    private final AuditTrail audit;
    private final X12ControlNumbers controls;
    private final TradingPartners partners;
    private final boolean reconcileAutomatically;
    private final int chunkSize;

    public Enrollment834Import(
            DataSource dataSource,
            JdbcClient jdbc,
            Geocoder geocoder,
            AuditTrail audit,
            X12ControlNumbers controls,
            TradingPartners partners,
            @Value("${commonweal.coverage.full-file-reconcile:approval}") String reconcile,
            @Value("${commonweal.coverage.import-chunk:2000}") int chunkSize) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.files = new ImportFiles(jdbc);
        this.geocoder = geocoder;
        this.audit = audit;
        this.controls = controls;
        this.partners = partners;
        this.reconcileAutomatically = reconcile.equals("auto");
        this.chunkSize = chunkSize;
    }

    /** Imports one file, or resumes its interrupted import; {@code progress} hears after each committed chunk. */
    public ImportReport importFile(Path file, String fileName, String actor, Consumer<ImportReport> progress)
            throws IOException {
        return importFile(file, fileName, actor, reconcileAutomatically, progress);
    }

    public ImportReport importFile(
            Path file, String fileName, String actor, boolean reconcileNow, Consumer<ImportReport> progress)
            throws IOException {
        return importFile(file, fileName, actor, reconcileNow, false, progress);
    }

    /**
     * @param acceptReusedControlNumber apply a file whose ISA13 the same sender already used for different content
     *     (recorded in the audit); without it such a file is refused with a TA1 (025) naming the earlier import
     */
    public ImportReport importFile(
            Path file,
            String fileName,
            String actor,
            boolean reconcileNow,
            boolean acceptReusedControlNumber,
            Consumer<ImportReport> progress)
            throws IOException {
        long size = Files.size(file);
        Envelope envelope;
        try {
            envelope = new EnvelopeScanner("BE", VERSIONS).scan(file);
        } catch (X12Exception e) {
            return refuse(file, fileName, actor, size, e);
        }
        if (!partners.allows(envelope.senderQualifier(), envelope.senderId(), "834")) {
            return refused(
                    file,
                    fileName,
                    actor,
                    size,
                    envelope.isa13(),
                    envelope.senderId(),
                    "trading partner "
                            + envelope.senderQualifier() + "/" + envelope.senderId()
                            + " is not set up to send 834 files "
                            + "(trading partner profile)",
                    Ack999Writer.refusedGroup(envelope, "834", "1", controls.next(), LocalDateTime.now()));
        }
        if (envelope.allSetsRefused()) {
            String reason = envelope.setErrors().stream()
                    .map(Envelope.SetError::reason)
                    .collect(java.util.stream.Collectors.joining("; "));
            return refused(
                    file,
                    fileName,
                    actor,
                    size,
                    envelope.isa13(),
                    envelope.senderId(),
                    "envelope: " + reason,
                    Ack999Writer.accepted(envelope, "834", List.of(), controls.next(), LocalDateTime.now()));
        }
        var reused = files.reusedControlNumber(envelope.isa13(), envelope.senderId(), envelope.sha256());
        if (reused.isPresent() && !acceptReusedControlNumber) {
            return refused(
                    file,
                    fileName,
                    actor,
                    size,
                    envelope.isa13(),
                    envelope.senderId(),
                    "ISA13 " + envelope.isa13() + " from " + envelope.senderId() + " was already used by import "
                            + reused.get() + " for different content: refused (TA1 025 duplicate interchange "
                            + "control number); if the sender confirms the file, import it with "
                            + "--accept-reused-control-number",
                    Ack999Writer.ta1(envelope, "025", controls.next(), LocalDateTime.now()));
        }
        Optional<Long> existing = files.sameFile(envelope.isa13(), envelope.sha256());
        long id;
        int resumeAfter = 0;
        ImportCounts counts = new ImportCounts();
        if (existing.isPresent()) {
            ImportReport before = report(existing.get()).orElseThrow();
            // interrupted (a crash) or failed half-way (the database refused a write, e.g. its disk full): resume
            if (before.status() != ImportStatus.RUNNING && before.status() != ImportStatus.FAILED) {
                long dup = insertFile(
                        fileName,
                        envelope,
                        actor,
                        size,
                        ImportStatus.DUPLICATE,
                        "already imported as #" + before.id() + " on " + before.finishedAt() + "; nothing changed");
                audit.recordAs(
                        actor,
                        AuditEntry.change(
                                AuditAction.IMPORT,
                                "834-file",
                                String.valueOf(dup),
                                null,
                                "enrollment import",
                                "duplicate of #" + before.id()));
                return report(dup).orElseThrow();
            }
            id = before.id();
            if (before.status() == ImportStatus.FAILED) {
                files.resumed(id);
            }
            resumeAfter = files.appliedThrough(id);
            restore(counts, before);
        } else {
            id = insertFile(fileName, envelope, actor, size, ImportStatus.RUNNING, null);
            if (reused.isPresent()) {
                audit.recordAs(
                        actor,
                        AuditEntry.change(
                                AuditAction.IMPORT,
                                "834-file",
                                String.valueOf(id),
                                null,
                                "enrollment import",
                                "--accept-reused-control-number: ISA13 " + envelope.isa13() + " already used by import "
                                        + reused.get() + " for different content"));
            }
        }
        // a first load into an empty membership builds the secondary indexes after the load; any other import (a
        // re-run after a crash included) first builds those a killed first load left missing
        boolean firstLoad = existing.isEmpty() && FirstLoadIndexes.firstLoad(jdbc);
        if (firstLoad) {
            FirstLoadIndexes.drop(jdbc);
        } else {
            FirstLoadIndexes.ensure(jdbc);
        }
        progress.accept(report(id).orElseThrow());
        var bytes = new AtomicLong();
        var applier = new Enrollment834Applier(dataSource, geocoder, id, resumeAfter, counts, chunkSize, bytes::get);
        applier.onChunk(() -> progress.accept(report(id).orElseThrow()));
        if (firstLoad
                && !jdbc.sql("select exists (select 1 from coverage.enrollment_span)")
                        .query(Boolean.class)
                        .single()) {
            // an 834 member loop takes 200 bytes at the least: enough bits for every member the file can hold
            applier.firstLoad(size / 200);
        }
        var parser = new Enrollment834Parser(this::knownPlan)
                .skipSets(envelope.setErrors().stream()
                        .map(Envelope.SetError::control)
                        .collect(java.util.stream.Collectors.toSet()));
        try (InputStream in = new CountingStream(Files.newInputStream(file), bytes)) {
            var handler = new HeaderCheck(applier, id);
            try {
                parser.parse(in, handler);
                applier.flush();
            } finally {
                applier.close();
                if (firstLoad) {
                    FirstLoadIndexes.ensure(jdbc);
                }
            }
        } catch (X12Exception | SQLException e) {
            files.failed(id, e.getMessage());
            return report(id).orElseThrow();
        }
        var header = applier.header();
        String purpose = applier.full() ? "full" : "change";
        files.read(id, purpose, header == null ? null : header.fileDate());
        ImportStatus status = ImportStatus.COMPLETED;
        if (applier.full()) {
            int candidates = countReconcileCandidates(id, header.fileDate());
            files.reconcileCandidates(id, candidates, reconcileNow);
            if (reconcileNow) {
                reconcile(id, actor);
            } else if (candidates > 0) {
                status = ImportStatus.AWAITING_APPROVAL;
            } else {
                files.reconciled(id, 0);
            }
        }
        String ack = Ack999Writer.accepted(envelope, "834", rejects(id), controls.next(), LocalDateTime.now());
        files.finished(id, status, ack);
        ImportReport done = report(id).orElseThrow();
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.IMPORT,
                        "834-file",
                        String.valueOf(id),
                        null,
                        "enrollment import",
                        done.status() + " transactions=" + done.transactions() + " rejects=" + done.rejects()));
        progress.accept(done);
        return done;
    }

    /** Members with coverage open on the file date who are absent from the full file: the dry run of a reconcile. */
    private int countReconcileCandidates(long id, LocalDate fileDate) {
        return jdbc.sql(CANDIDATES.replace("select distinct s.member_id", "select count(distinct s.member_id)"))
                .params(fileDate, id, id)
                .query(Integer.class)
                .single();
    }

    private static final String CANDIDATES = """
            select distinct s.member_id from coverage.enrollment_span s
            where (s.end_date is null or s.end_date > ?) and s.status <> 'terminated'
              and not exists (select 1 from coverage.import_seen n where n.import_id = ? and n.member_id = s.member_id)
              and not exists (select 1 from coverage.member_change h
                              where h.import_id = ? and h.source = '834' and h.member_id = s.member_id)""";

    /** The members a full file's reconcile would close, for staff to review (first {@code limit}). */
    public List<String> reconcileCandidates(long id, int limit) {
        LocalDate date = fileDate(id);
        return jdbc.sql(CANDIDATES + " order by 1 limit ?")
                .params(date, id, id, limit)
                .query(String.class)
                .list();
    }

    /** Closes the open spans of members missing from the full file, as of the file's date. */
    public ImportReport reconcile(long id, String actor) {
        LocalDate date = fileDate(id);
        var tx = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.support.JdbcTransactionManager(dataSource));
        int closed = tx.execute(s -> {
            List<String> members = jdbc.sql(CANDIDATES)
                    .params(date, id, id)
                    .query(String.class)
                    .list();
            int spans = jdbc.sql("""
                    update coverage.enrollment_span set end_date = ?, status = 'terminated', updated_at = now()
                    where member_id = any(?) and (end_date is null or end_date > ?) and status <> 'terminated'""")
                    .params(date, members.toArray(String[]::new), date)
                    .update();
            jdbc.sql("""
                    insert into coverage.member_change (member_id, source, import_id, summary)
                    select unnest(?::text[]), 'reconcile', ?, ?""")
                    .params(
                            members.toArray(String[]::new),
                            id,
                            "missing from full file #" + id + ": open coverage closed on " + date)
                    .update();
            files.reconciled(id, spans);
            jdbc.sql("delete from coverage.import_seen where import_id = ?")
                    .param(id)
                    .update();
            return spans;
        });
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.UPDATE,
                        "834-file",
                        String.valueOf(id),
                        null,
                        "full-file reconcile",
                        closed + " spans closed"));
        return report(id).orElseThrow();
    }

    private LocalDate fileDate(long id) {
        return files.fileDate(id);
    }

    private boolean knownPlan(String code) {
        return plans().contains(code);
    }

    private volatile Set<String> plans;

    /** After an edit of plan codes: the next import reads them again. */
    public void configurationChanged() {
        plans = null;
    }

    /** Member loops refused for the plan's configuration and not re-applied yet, by reason. */
    public record ConfigurationRejects(String reason, int loops, List<String> members, String firstImport) {}

    public List<ConfigurationRejects> configurationRejects() {
        return jdbc.sql("""
                select config_reason, count(*), (array_agg(member_id order by import_id, segment_number))[1:20],
                       '#' || min(import_id)
                from coverage.import_reject where config_reason is not null and reapplied_in is null
                group by config_reason order by config_reason""")
                .query((rs, n) -> new ConfigurationRejects(
                        rs.getString(1),
                        rs.getInt(2),
                        java.util.Arrays.stream((String[]) rs.getArray(3).getArray())
                                .filter(java.util.Objects::nonNull)
                                .toList(),
                        rs.getString(4)))
                .list();
    }

    /**
     * Runs again, as one new import, the member loops refused for {@code reason} (for example a plan code added
     * since), in their original order, from the segments kept with their rejects; no new file is needed. Loops still
     * refused are listed again under the new import.
     */
    public ImportReport reapply(String reason, String actor) throws IOException {
        record Kept(long importId, int segment, String text, LocalDate fileDate) {}
        List<Kept> kept = jdbc.sql("""
                select r.import_id, r.segment_number, r.loop_text, f.file_date
                from coverage.import_reject r join coverage.import_file f on f.id = r.import_id
                where r.config_reason = ? and r.reapplied_in is null and r.loop_text is not null
                order by r.import_id, r.segment_number""")
                .param(reason)
                .query((rs, n) ->
                        new Kept(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getObject(4, LocalDate.class)))
                .list();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no member loops wait for re-apply under '" + reason + "'");
        }
        LocalDate date = kept.stream()
                .map(Kept::fileDate)
                .filter(java.util.Objects::nonNull)
                .max(LocalDate::compareTo)
                .orElse(LocalDate.now());
        long control = controls.next();
        String isa13 = X12Writer.control(control);
        var body = new StringBuilder();
        int segments = 0;
        for (Kept k : kept) {
            for (String line : k.text().split("\n")) {
                if (!line.isBlank()) {
                    body.append(line).append("~\n");
                    segments++;
                }
            }
        }
        String d8 = date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String text = "ISA*00*          *00*          *ZZ*" + X12Writer.pad("COMMONWEAL", 15) + "*ZZ*"
                + X12Writer.pad("REAPPLY", 15) + "*" + d8.substring(2) + "*0000*^*00501*" + isa13 + "*0*P*:~\n"
                + "GS*BE*COMMONWEAL*REAPPLY*" + d8 + "*0000*" + control + "*X*" + Enrollment834Parser.VERSION + "~\n"
                + "ST*834*0001*" + Enrollment834Parser.VERSION + "~\n"
                + "BGN*00*REAPPLY" + control + "*" + d8 + "*0000*PT***2~\n"
                + body + "SE*" + (segments + 3) + "*0001~\nGE*1*" + control + "~\nIEA*1*" + isa13 + "~\n";
        Path file = Files.createTempFile("reapply-", ".834");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            ImportReport report = importFile(file, "re-apply: " + reason, actor, false, false, r -> {});
            jdbc.sql("""
                    update coverage.import_reject set reapplied_in = ?
                    where config_reason = ? and reapplied_in is null and import_id <> ? and loop_text is not null""").params(report.id(), reason, report.id()).update();
            audit.recordAs(
                    actor,
                    AuditEntry.change(
                            AuditAction.IMPORT,
                            "834-file",
                            String.valueOf(report.id()),
                            null,
                            "re-apply after a configuration change",
                            kept.size() + " member loops refused for '" + reason + "' run again: " + report.status()
                                    + ", rejects=" + report.rejects()));
            return report;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private Set<String> plans() {
        Set<String> p = plans;
        if (p == null) {
            p = Set.copyOf(jdbc.sql("select plan_code from coverage.plan")
                    .query(String.class)
                    .list());
            plans = p;
        }
        return p;
    }

    /**
     * Refuses a file whose envelope is broken: a TA1 when the interchange (ISA/IEA) is at fault, a 999 with AK9 R
     * when the functional group is, addressed from what could be read; no acknowledgment at all when not even the
     * ISA could be read (there is nobody to address it to).
     */
    private ImportReport refuse(Path file, String fileName, String actor, long size, X12Exception e)
            throws IOException {
        Envelope partial = e.partial();
        String ack = null;
        if (partial != null && e.level() == X12Exception.Level.INTERCHANGE) {
            ack = Ack999Writer.ta1(partial, e.code(), controls.next(), LocalDateTime.now());
        } else if (partial != null && e.level() == X12Exception.Level.GROUP) {
            ack = Ack999Writer.refusedGroup(partial, "834", e.code(), controls.next(), LocalDateTime.now());
        }
        String reason =
                ack == null ? e.getMessage() + " (no acknowledgment: the ISA could not be read)" : e.getMessage();
        return refused(
                file,
                fileName,
                actor,
                size,
                partial == null ? null : partial.isa13(),
                partial == null ? null : partial.senderId(),
                reason,
                ack);
    }

    private ImportReport refused(
            Path file, String fileName, String actor, long size, String isa13, String sender, String reason, String ack)
            throws IOException {
        long id = files.insertRefused(
                new ImportFiles.Received(fileName, isa13, sha256(file), sender, size, actor), reason, ack);
        audit.recordAs(
                actor,
                AuditEntry.change(
                        AuditAction.IMPORT,
                        "834-file",
                        String.valueOf(id),
                        null,
                        "enrollment import",
                        "refused: " + reason));
        return report(id).orElseThrow();
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            var digest = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long insertFile(
            String fileName, Envelope envelope, String actor, long size, ImportStatus status, String message) {
        return files.insert(
                new ImportFiles.Received(
                        fileName, envelope.isa13(), envelope.sha256(), envelope.senderId(), size, actor),
                status,
                message);
    }

    private static void restore(ImportCounts counts, ImportReport r) {
        counts.transactions = r.transactions();
        counts.adds = r.adds();
        counts.changes = r.changes();
        counts.terms = r.terms();
        counts.reinstates = r.reinstates();
        counts.audits = r.audits();
        counts.unchanged = r.unchanged();
        counts.rejects = r.rejects();
    }

    private List<Reject> rejects(long id) {
        return jdbc.sql("""
                select transaction_set, segment_number, position_in_set, segment_tag, loop_id, member_id,
                       element_position, error_code, reason
                from coverage.import_reject where import_id = ? order by segment_number""")
                .param(id)
                .query((rs, n) -> new Reject(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    public Optional<ImportReport> report(long id) {
        return files.report(id, rejectLines(id));
    }

    private List<ImportReport.RejectLine> rejectLines(long id) {
        return jdbc.sql("""
                select segment_number, loop_id, member_id, reason, segment_tag, position_in_set, transaction_set
                from coverage.import_reject where import_id = ? order by segment_number limit 500""")
                .param(id)
                .query((rs, n) -> new ImportReport.RejectLine(
                        rs.getInt(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getString(7)))
                .list();
    }

    /** The latest imports, newest first. */
    public List<ImportReport> recent(int limit) {
        return files.recent(limit).stream().map(id -> report(id).orElseThrow()).toList();
    }

    /** Flags a file older than one already applied from the same sender, before its first member is applied. */
    private final class HeaderCheck implements Enrollment834Parser.Handler {

        private final Enrollment834Applier applier;
        private final long id;
        private boolean checked;

        HeaderCheck(Enrollment834Applier applier, long id) {
            this.applier = applier;
            this.id = id;
        }

        @Override
        public void header(Enrollment834Parser.FileHeader header) throws Exception {
            applier.header(header);
            if (!checked && header.fileDate() != null) {
                checked = true;
                LocalDate latest = files.latestAppliedFileDate(id).orElse(null);
                boolean outOfOrder = latest != null && header.fileDate().isBefore(latest);
                files.header(
                        id,
                        header.fileDate(),
                        header.purpose(),
                        outOfOrder,
                        outOfOrder
                                ? "file dated " + header.fileDate() + " applied after a file dated " + latest
                                : null);
            }
        }

        @Override
        public void member(MemberTransaction transaction) throws Exception {
            applier.member(transaction);
        }

        @Override
        public void reject(Reject reject) throws Exception {
            applier.reject(reject);
        }
    }

    private static final class CountingStream extends FilterInputStream {

        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
