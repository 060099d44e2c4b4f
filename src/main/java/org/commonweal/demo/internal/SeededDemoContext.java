package org.commonweal.demo.internal;

import java.sql.Connection;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.commonweal.demo.CopyRows;
import org.commonweal.demo.DemoContext;
import org.commonweal.demo.DemoPeople;
import org.commonweal.demo.DemoScale;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

record SeededDemoContext(DemoScale scale, long seed, DemoPeople people, JdbcClient jdbc, DataSource dataSource)
        implements DemoContext {

    @Override
    public Random random(String stream) {
        return new Random(seed * 31 + stream.hashCode());
    }

    @Override
    public long copy(String table, List<String> columns, Consumer<CopyRows> rows) {
        if (!table.matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")
                || !columns.stream().allMatch(c -> c.matches("[a-z_][a-z0-9_]*"))) {
            throw new IllegalArgumentException("not a plain schema.table and column list: " + table + " " + columns);
        }
        String sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        // inside the generator's run this is the run's transaction (DemoDatasets), committed or rolled back whole
        boolean ownTransaction = !TransactionSynchronizationManager.isActualTransactionActive();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
            try {
                var copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
                var writer = new PgCopyWriter(copy, columns.size());
                try {
                    rows.accept(writer);
                    long written = writer.finish();
                    if (ownTransaction) {
                        connection.commit();
                    }
                    return written;
                } catch (RuntimeException e) {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                    throw e;
                }
            } catch (Exception e) {
                if (ownTransaction) {
                    connection.rollback();
                }
                throw e;
            } finally {
                if (ownTransaction) {
                    connection.setAutoCommit(true);
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("COPY into " + table + " failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
