package org.commonweal.quality.claims;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.commonweal.audit.AuditAction;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.x12.Envelope;
import org.commonweal.coverage.x12.EnvelopeScanner;
import org.commonweal.coverage.x12.X12Exception;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.platform.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports 837P/837I files: each claim is linked to its member through coverage's facade, its frequency code applied
 * (a replacement supersedes the version it names, a void withdraws it) and stored with its lines; a claim that
 * cannot be applied is rejected with its place in the file and the reason, and the rest of the file goes on. A file
 * already imported (same SHA-256) is refused.
 *
 * <p>The file is read on its own thread while the claims are written in chunks of {@code commonweal.quality.claims.chunk} claims (5,000:
 * large enough that the per-chunk statements cost little, small enough to hold), one
 * transaction each ({@link ClaimChunk}); the file's row records how many claims (stored or rejected) are committed.
 * A crash loses at most the chunk being written, never part of a claim: the same file sent again resumes after the
 * last committed chunk and ends as an undisturbed import would. A file whose X12 breaks off part way is refused
 * whole: what its earlier chunks stored is withdrawn again.
 *
 * <p>A file is claimed in PostgreSQL before its row is read or written ({@link ClusterLock} on its SHA-256), so two
 * instances sent the same file at the same moment (or resuming it after a crash) never both work on it: the second
 * waits up to {@code commonweal.quality.claims.lock-wait} (5 s) and is then refused with {@link #BUSY}, nothing
 * stored from its copy. The claim ends with the import, or with the process that held it.
 */
@Service
public class ClaimImport {

    static final String PURPOSE = "quality: link claims to members";

    private static final Logger log = LoggerFactory.getLogger(ClaimImport.class);

    private final int chunkSize;
    private final Duration lockWait;

    private static final Object END = new Object();
    /** The {@link ClusterLock} kind under which a file is claimed, by its SHA-256. */
    static final String LOCK_KIND = "quality.claim-file";
    /** The refusal of a file another instance (or process) is importing at the moment. */
    static final String BUSY = "the same file is being imported by another instance at this moment: nothing was "
            + "stored from this copy; send it again when that import is done";

    private static final Set<String> VERSIONS = Set.of("005010X222A1", "005010X223A3");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transactions;
    private final Coverage coverage;
    private final AuditTrail audit;
    private final NetworkDirectory directory;
    private final java.util.concurrent.locks.ReentrantLock one = new java.util.concurrent.locks.ReentrantLock();

    ClaimImport(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate transactions,
            Coverage coverage,
            AuditTrail audit,
            NetworkDirectory directory,
            @Value("${commonweal.quality.claims.chunk:5000}") int chunkSize,
            @Value("${commonweal.quality.claims.lock-wait:PT5S}") Duration lockWait) {
        this.chunkSize = chunkSize;
        this.lockWait = lockWait;
        this.jdbc = jdbc;
        this.template = template;
        this.transactions = transactions;
        this.coverage = coverage;
        this.audit = audit;
        this.directory = directory;
    }

    public ClaimImportReport importFile(Path file, String receivedBy) throws IOException {
        return importFile(file, file.getFileName().toString(), receivedBy);
    }

    /** Imports {@code file} under the name it was sent with ({@code name}: an upload is stored under another). */
    public ClaimImportReport importFile(Path file, String name, String receivedBy) throws IOException {
        // one file at a time in this instance (the upload workers, the inbox and the command wait for each other);
        // across instances each file is claimed in PostgreSQL (ClusterLock) before its row is read or written
        one.lock();
        try {
            return importOne(file, name, receivedBy);
        } finally {
            one.unlock();
        }
    }

    private ClaimImportReport importOne(Path file, String name, String receivedBy) throws IOException {
        Envelope scanned;
        try {
            scanned = new EnvelopeScanner("HC", VERSIONS).scan(file);
        } catch (X12Exception e) {
            return refused(name, e.getMessage());
        }
        var sha256 = scanned.sha256();
        // the file's claim across instances: whoever holds it alone reads, inserts or resumes the file's row
        Optional<ClusterLock> lock;
        try {
            lock = ClusterLock.tryAcquire(template.getDataSource(), LOCK_KIND, sha256, lockWait);
        } catch (SQLException e) {
            throw new IOException("could not claim " + name + " for import", e);
        }
        if (lock.isEmpty()) {
            return refused(name, BUSY);
        }
        try (var held = lock.get()) {
            return importClaimed(file, scanned, name, receivedBy);
        } catch (SQLException e) {
            throw new IOException("could not release the claim on " + name, e);
        }
    }

    private ClaimImportReport importClaimed(Path file, Envelope scanned, String name, String receivedBy)
            throws IOException {
        var sha256 = scanned.sha256();
        var earlier = jdbc.sql("select id, status, claims_done from quality.claim_file where sha256 = ?")
                .param(sha256)
                .query((rs, n) ->
                        new long[] {rs.getLong(1), rs.getString(2).equals("importing") ? 1 : 0, rs.getLong(3)})
                .optional();
        if (earlier.isPresent() && earlier.get()[1] == 0) {
            return refused(name, "the same file was imported already as file " + earlier.get()[0]);
        }
        long fileId;
        long done;
        if (earlier.isPresent()) {
            fileId = earlier.get()[0];
            done = earlier.get()[2];
        } else {
            fileId = jdbc.sql("insert into quality.claim_file (file_name, sha256, received_by, status) "
                            + "values (?, ?, ?, 'importing') returning id")
                    .params(name, sha256, receivedBy)
                    .query(Long.class)
                    .single();
            done = 0;
        }
        try {
            return store(file, scanned, fileId, name, done);
        } catch (ClaimFileException e) {
            if (jdbc.sql("select claims_done > 0 from quality.claim_file where id = ?")
                    .param(fileId)
                    .query(Boolean.class)
                    .single()) {
                withdraw(fileId, receivedBy);
            }
            jdbc.sql("delete from quality.claim_file where id = ?")
                    .param(fileId)
                    .update();
            return refused(name, e.getMessage());
        }
    }

    private ClaimImportReport store(Path file, Envelope scanned, long fileId, String name, long done)
            throws IOException {
        var queue = new ArrayBlockingQueue<Object>(2);
        var envelope = new Claim837Parser.Envelope[1];
        var parser = new Claim837Parser[1];
        var reader = Thread.ofPlatform().name("837-reader-" + fileId).daemon().start(() -> {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                var chunk = new ArrayList<Object>(chunkSize);
                long[] seen = {0};
                java.util.function.Consumer<Object> add = event -> {
                    if (scanned.setRefused(parser[0].currentSet())) return; // IK5 R: its header or trailer is wrong
                    if (seen[0]++ < done) return; // committed before a crash
                    chunk.add(event);
                    if (chunk.size() == chunkSize) {
                        put(queue, new ArrayList<>(chunk));
                        chunk.clear();
                    }
                };
                parser[0] = new Claim837Parser(add::accept, add::accept);
                envelope[0] = parser[0].parse(in);
                if (!chunk.isEmpty()) put(queue, chunk);
                put(queue, END);
            } catch (IOException | RuntimeException e) {
                put(queue, e);
            }
        });
        var members = new HashMap<String, String>();
        var providers = new HashMap<String, NetworkDirectory.DirectoryProvider>();
        long[] nanos = new long[4]; // members, references, writes, waiting for the reader
        try {
            while (true) {
                long waited = System.nanoTime();
                Object next = queue.take();
                nanos[3] += System.nanoTime() - waited;
                if (next == END) break;
                if (next instanceof ClaimFileException e) throw e;
                if (next instanceof IOException e) throw e;
                if (next instanceof RuntimeException e) throw e;
                @SuppressWarnings("unchecked")
                var events = (List<Object>) next;
                if (members.size() > 200_000) members.clear();
                if (providers.size() > 200_000) providers.clear();
                transactions.executeWithoutResult(status -> {
                    var counts = template.execute((ConnectionCallback<ClaimChunk.Counts>)
                            c -> new ClaimChunk(events, fileId, members, coverage, providers, directory).apply(c));
                    nanos[0] += counts.membersNanos();
                    nanos[1] += counts.referencesNanos();
                    nanos[2] += counts.writeNanos();
                    jdbc.sql("""
                            update quality.claim_file set claims_done = claims_done + ?,
                                claims_accepted = claims_accepted + ?, claims_rejected = claims_rejected + ?,
                                claims_replaced = claims_replaced + ?, claims_voided = claims_voided + ?,
                                service_lines = service_lines + ?,
                                claims_npi_unlinked = claims_npi_unlinked + ? where id = ?""")
                            .params(
                                    events.size(),
                                    counts.accepted(),
                                    counts.rejected(),
                                    counts.replaced(),
                                    counts.voided(),
                                    counts.lines(),
                                    counts.npiUnlinked(),
                                    fileId)
                            .update();
                });
            }
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.interrupt();
            throw new IOException("interrupted while importing " + name, e);
        } finally {
            if (reader.isAlive()) {
                reader.interrupt();
            }
        }
        log.info(
                "837 file {}: waiting for the reader {} ms, members {} ms, references {} ms, writes {} ms",
                fileId,
                nanos[3] / 1_000_000,
                nanos[0] / 1_000_000,
                nanos[1] / 1_000_000,
                nanos[2] / 1_000_000);
        var env = envelope[0];
        return transactions.execute(status -> {
            jdbc.sql("""
                    update quality.claim_file set sender_id = ?, control_number = ?, implementation = ?,
                        status = 'imported' where id = ?""")
                    .params(env.senderId(), env.controlNumber(), env.implementation(), fileId)
                    .update();
            var report = report(fileId, name);
            long control = jdbc.sql("select nextval('quality.claim_ack_control')")
                    .query(Long.class)
                    .single();
            jdbc.sql("update quality.claim_file set ack_999 = ? where id = ?")
                    .params(
                            ClaimAcknowledgment.write(
                                    scanned, parser[0].sets(), report.rejects(), control, LocalDateTime.now()),
                            fileId)
                    .update();
            audit.record(AuditEntry.change(
                    AuditAction.IMPORT,
                    "claim-file",
                    Long.toString(fileId),
                    null,
                    PURPOSE,
                    name + ": " + report.accepted() + " claims, "
                            + report.rejects().size() + " rejected"));
            return report;
        });
    }

    /** The 999 written for a stored file, if the file is stored. */
    public Optional<String> acknowledgment(long fileId) {
        return jdbc.sql("select ack_999 from quality.claim_file where id = ? and ack_999 is not null")
                .param(fileId)
                .query(String.class)
                .optional();
    }

    /** The files received, newest first: at most {@code limit}. */
    public List<ClaimFileRow> recent(int limit) {
        return jdbc.sql("""
                select id, file_name, status, received_at, received_by, claims_accepted, claims_rejected,
                       service_lines from quality.claim_file order by id desc limit ?""")
                .param(limit)
                .query((rs, n) -> new ClaimFileRow(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, java.time.OffsetDateTime.class),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8)))
                .list();
    }

    /** A stored file's report (also while it is still importing: what its committed chunks did). */
    public Optional<ClaimImportReport> report(long fileId) {
        return jdbc.sql("select file_name from quality.claim_file where id = ?")
                .param(fileId)
                .query(String.class)
                .optional()
                .map(name -> report(fileId, name));
    }

    private static void put(BlockingQueue<Object> queue, Object item) {
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("837 reader interrupted", e);
        }
    }

    /** The file's report from what is stored: the same whether the file went in at once or resumed. */
    ClaimImportReport report(long fileId, String name) {
        var rejects = jdbc.sql("""
                select segment_number, segment_tag, loop_id, patient_control_number, reason
                from quality.claim_reject where file_id = ? order by segment_number, id""")
                .param(fileId)
                .query((rs, n) -> new ClaimReject(
                        rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        return jdbc.sql("""
                select claims_accepted, claims_replaced, claims_voided, service_lines, claims_npi_unlinked
                from quality.claim_file where id = ?""")
                .param(fileId)
                .query((rs, n) -> new ClaimImportReport(
                        fileId,
                        name,
                        rs.getInt(1),
                        rs.getInt(2),
                        rs.getInt(3),
                        rs.getInt(4),
                        rs.getInt(5),
                        rejects,
                        null))
                .single();
    }

    /**
     * Withdraws a whole file: its claims are removed and the versions its replacements and voids had superseded
     * count again. The file's row stays, marked withdrawn, so the same file is not taken again by mistake.
     */
    public int withdraw(long fileId, String by) {
        return transactions.execute(status -> {
            jdbc.sql("""
                    update quality.claim set status = 'current' where id in (
                      select replaces_claim_id from quality.claim where file_id = ? and replaces_claim_id is not null)""").param(fileId).update();
            int removed = jdbc.sql("delete from quality.claim where file_id = ?")
                    .param(fileId)
                    .update();
            jdbc.sql("update quality.claim_file set status = 'withdrawn' where id = ?")
                    .param(fileId)
                    .update();
            audit.record(AuditEntry.change(
                    AuditAction.DELETE,
                    "claim-file",
                    Long.toString(fileId),
                    null,
                    "quality: withdraw a claim file",
                    removed + " claims withdrawn by " + by));
            return removed;
        });
    }

    private ClaimImportReport refused(String name, String reason) {
        return new ClaimImportReport(0, name, 0, 0, 0, 0, 0, List.of(), reason);
    }
}
