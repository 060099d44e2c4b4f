package org.commonweal.platform.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executor;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The connection pool, with a shorter socket (network) timeout on connections taken for a web request. A stalled
 * database (stopped processes, a hung disk, a network partition) then costs a request at most the pool's
 * connection timeout or this network timeout, never a hang; background work (imports, adequacy runs, refreshes)
 * keeps the pool's default, where a long statement is normal. Hikari puts the pool's network timeout back when
 * the connection returns.
 */
final class FailFastDataSource extends HikariDataSource {

    private static final ThreadLocal<Boolean> WEB_REQUEST = new ThreadLocal<>();
    private static final Executor DIRECT = Runnable::run;

    private final int webNetworkTimeoutMillis;

    FailFastDataSource(HikariConfig config, int webNetworkTimeoutMillis) {
        super(config);
        this.webNetworkTimeoutMillis = webNetworkTimeoutMillis;
    }

    /** Marks the current thread as serving a web request until {@link #webRequestDone()}. */
    static void webRequestStarted() {
        WEB_REQUEST.set(Boolean.TRUE);
    }

    static void webRequestDone() {
        WEB_REQUEST.remove();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = super.getConnection();
        if (webNetworkTimeoutMillis > 0 && WEB_REQUEST.get() != null) {
            try {
                connection.setNetworkTimeout(DIRECT, webNetworkTimeoutMillis);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }
}
