package org.commonweal.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executor;

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

    /**
     * A web request waits for the pool once: when the database did not give it a connection, its later statements
     * (a count beside a search, the error page's look-ups) fail at once instead of waiting the timeout again each.
     */
    @Override
    public Connection getConnection() throws SQLException {
        Boolean web = WEB_REQUEST.get();
        if (Boolean.FALSE.equals(web)) {
            throw new SQLTransientConnectionException("the database did not answer earlier in this request");
        }
        Connection connection;
        try {
            connection = super.getConnection();
        } catch (SQLTransientConnectionException e) {
            if (web != null) {
                WEB_REQUEST.set(Boolean.FALSE);
            }
            throw e;
        }
        if (webNetworkTimeoutMillis > 0 && web != null) {
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
