package org.commonweal.audit.internal;

import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.commonweal.audit.AuditEntry;
import org.commonweal.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes audit records. Inside a transaction the rows are inserted on the transaction's connection, so they commit or
 * roll back with the change they audit. Outside one (reads such as eligibility answers), the caller's rows go to a
 * single writer that inserts whatever has queued up meanwhile in one statement and one commit (group commit), and the
 * caller waits until that commit is durable: no answer leaves before its audit row is on disk, and concurrent readers
 * share one WAL flush instead of paying one each (docs/adr/0002-audit-group-commit.md).
 */
@Service
class JdbcAuditTrail implements AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditTrail.class);
    private static final int MAX_BATCH_ROWS = 20_000;
    private static final long WAIT_SECONDS = 30;
    /**
     * How long the writer waits for more rows after the first one of a batch, unless {@link #LINGER_ROWS} are queued
     * already. A commit costs PostgreSQL about four times the CPU of one more row in the same statement, so batches
     * of one or two rows (what a busy API produced without it) spent most of the database's share of an answer on
     * commits; a millisecond more per answer makes them several times larger (ADR 0002, revision).
     */
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    static final int LINGER_ROWS = 64;
    static final String INSERT = """
            insert into audit.audit_event
                (username, roles, action, entity_type, entity_id, member_id, purpose, ip, request_id, detail)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[])""";

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean stopping;

    JdbcAuditTrail(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.writer = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::writeLoop);
        this.writer.start();
    }

    @Override
    public void record(AuditEntry entry) {
        recordAll(List.of(entry));
    }

    @Override
    public void recordAll(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String user = auth == null ? null : auth.getName();
        // roles, and for API clients (issue #17) the scopes of their token as "scope:…"
        String roles = auth == null
                ? null
                : auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(a -> a.startsWith("ROLE_") || a.startsWith("SCOPE_"))
                        .map(a -> a.startsWith("ROLE_") ? a.substring(5) : "scope:" + a.substring(6))
                        .sorted()
                        .collect(Collectors.joining(","));
        write(user, roles, entries);
    }

    @Override
    public void recordAs(String actor, AuditEntry entry) {
        write(actor, "SYSTEM", List.of(entry));
    }

    private void write(String user, String roles, List<AuditEntry> entries) {
        String ip = null;
        String requestId = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            ip = request.getRemoteAddr();
            Object id = request.getAttribute(RequestIdFilter.ATTRIBUTE);
            requestId = id == null ? null : id.toString();
        }
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            rows.add(new Object[] {
                user,
                roles,
                entry.action().name(),
                entry.entityType(),
                entry.entityId(),
                entry.memberId(),
                entry.purpose(),
                ip,
                requestId,
                entry.detail()
            });
        }
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // part of the caller's transaction: commits or rolls back with the change it audits
            jdbc.sql(INSERT).params(columns(rows)).update();
            return;
        }
        var pending = new Pending(rows, new CompletableFuture<>());
        if (stopping) {
            throw new IllegalStateException("audit trail is shutting down; nothing may be read or changed now");
        }
        queue.add(pending);
        try {
            pending.done.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the audit record was written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("audit record could not be written", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("audit record not written within " + WAIT_SECONDS + " s", e);
        }
    }

    private static Object[] columns(List<Object[]> rows) {
        Object[] columns = new Object[10];
        for (int col = 0; col < 10; col++) {
            String[] values = new String[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (String) rows.get(i)[col];
            }
            columns[col] = values;
        }
        return columns;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int rows = first.rows.size();
                long lingerUntil = System.nanoTime() + LINGER_NANOS;
                Pending next;
                while (rows < MAX_BATCH_ROWS) {
                    next = queue.poll();
                    if (next == null && rows < LINGER_ROWS && !stopping) {
                        long left = lingerUntil - System.nanoTime();
                        next = left > 0 ? lingerFor(left) : null;
                    }
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                    rows += next.rows.size();
                }
                flush(batch, rows);
            } catch (InterruptedException e) {
                if (!stopping) {
                    log.warn("audit writer interrupted; continuing");
                }
            } catch (RuntimeException | Error e) {
                log.error("audit writer failed", e);
                batch.forEach(p -> p.done.completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done.completeExceptionally(new IllegalStateException("audit trail stopped"));
        }
    }

    /** The next pending rows within the time left, or null; an interrupt ends the wait, never the batch taken. */
    private Pending lingerFor(long nanos) {
        try {
            return queue.poll(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return null; // stop lingering; the batch taken is still flushed
        }
    }

    /**
     * One statement for everything queued, in autocommit: a single statement is its own transaction, all rows or
     * none, and the server answers only after its commit is flushed ({@code synchronous_commit=on}), so every waiting
     * caller hears a durable outcome. An explicit transaction added a {@code BEGIN} and a separate {@code COMMIT}
     * round trip to every batch (issue #23) for the same guarantee.
     */
    private void flush(List<Pending> batch, int rowCount) {
        List<Object[]> rows = new ArrayList<>(rowCount);
        batch.forEach(p -> rows.addAll(p.rows));
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                Object[] columns = columns(rows);
                for (int col = 0; col < columns.length; col++) {
                    ps.setArray(col + 1, c.createArrayOf("text", (Object[]) columns[col]));
                }
                ps.executeUpdate();
            }
            batch.forEach(p -> p.done.complete(null));
        } catch (SQLException e) {
            batch.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    }

    private record Pending(List<Object[]> rows, CompletableFuture<Void> done) {}
}
