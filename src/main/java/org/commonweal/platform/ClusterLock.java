package org.commonweal.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A lock on one named thing (a file being imported, …) held across every application instance on the same database:
 * a PostgreSQL session advisory lock ({@code pg_try_advisory_lock(hashtext(kind), hashtext(name))}) on a connection
 * of its own, kept open while the lock is held. Unlike {@link ClusterJobs}, it has no time limit: work that runs for
 * an hour keeps it for an hour. It cannot outlive its holder: when the process dies, its connection closes and
 * PostgreSQL releases the lock at once (a host that vanishes without closing its sockets holds it until the server's
 * TCP keepalive notices).
 *
 * <p>Two names whose hashes collide share a lock: the cost is that they wait for each other, never that both run.
 */
public final class ClusterLock implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final Connection connection;
    private final String kind;
    private final String name;

    private ClusterLock(Connection connection, String kind, String name) {
        this.connection = connection;
        this.kind = kind;
        this.name = name;
    }

    /**
     * Takes the lock on {@code name} of {@code kind}, waiting up to {@code wait} for another holder to let it go.
     *
     * @return the lock (close it to release), or empty when another session still holds it after {@code wait}
     */
    public static Optional<ClusterLock> tryAcquire(DataSource dataSource, String kind, String name, Duration wait)
            throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            long deadline = System.nanoTime() + wait.toNanos();
            while (true) {
                if (tryLock(c, kind, name)) {
                    return Optional.of(new ClusterLock(c, kind, name));
                }
                if (System.nanoTime() >= deadline) break;
                Thread.sleep(POLL);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
        c.close();
        return Optional.empty();
    }

    private static boolean tryLock(Connection c, String kind, String name) throws SQLException {
        try (var ps = c.prepareStatement("select pg_try_advisory_lock(hashtext(?), hashtext(?))")) {
            ps.setString(1, kind);
            ps.setString(2, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Releases the lock and returns its connection to the pool. */
    @Override
    public void close() throws SQLException {
        try (connection) {
            try (var ps = connection.prepareStatement("select pg_advisory_unlock(hashtext(?), hashtext(?))")) {
                ps.setString(1, kind);
                ps.setString(2, name);
                ps.execute();
            }
        }
    }
}
