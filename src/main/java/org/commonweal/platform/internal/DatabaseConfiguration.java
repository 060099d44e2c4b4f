package org.commonweal.platform.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.commonweal.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Chooses the database. With {@code COMMONWEAL_DB_URL} the application uses that PostgreSQL server (production);
 * without it, an embedded PostgreSQL whose files live under {@code COMMONWEAL_DATA_DIR/postgres}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean
    RuntimeMode runtimeMode(Environment env) {
        boolean embedded = env.getProperty("commonweal.db.url", "").isBlank();
        Path dataDir = Path.of(env.getProperty("commonweal.data-dir", "./data"))
                .toAbsolutePath()
                .normalize();
        boolean commandMode = env.getProperty("commonweal.command-mode", Boolean.class, false);
        return new RuntimeMode(embedded, dataDir, commandMode);
    }

    /** How long the pool waits: for a connection, for its liveness check, and on the socket in web requests. */
    record Timeouts(Duration connection, Duration validation, Duration webNetwork) {

        static Timeouts of(Environment env) {
            return new Timeouts(
                    env.getProperty("commonweal.db.connection-timeout", Duration.class, Duration.ofSeconds(5)),
                    env.getProperty("commonweal.db.validation-timeout", Duration.class, Duration.ofSeconds(2)),
                    env.getProperty("commonweal.db.web-network-timeout", Duration.class, Duration.ofSeconds(10)));
        }
    }

    private static HikariDataSource pool(
            String url, String user, String password, int size, String name, Timeouts timeouts) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setPoolName(name);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // fail fast when the database stalls: a request waits at most this long for a connection (a stalled
        // server fails the liveness check within the validation timeout), and a new connection's TCP connect too
        config.setConnectionTimeout(timeouts.connection().toMillis());
        config.setValidationTimeout(timeouts.validation().toMillis());
        config.addDataSourceProperty(
                "connectTimeout",
                String.valueOf(Math.max(1, timeouts.connection().toSeconds())));
        return new FailFastDataSource(config, (int) timeouts.webNetwork().toMillis());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("'${commonweal.db.url:}'.isBlank()")
    static class Embedded {

        @Bean(destroyMethod = "close")
        EmbeddedPostgresServer.Lease embeddedPostgres(
                RuntimeMode mode,
                @Value("${commonweal.embedded.fsync:true}") boolean fsync,
                @Value("${commonweal.embedded.shared-buffers:512MB}") String sharedBuffers) {
            Map<String, String> config = EmbeddedPostgresServer.defaults();
            // a bigger machine's embedded server, or a bulk load's (PostgreSQL refuses a malformed size at start)
            config.put("shared_buffers", sharedBuffers);
            if (fsync) {
                // explicitly: the embedded binaries start with -F and synchronous_commit=off unless told otherwise
                config.put("fsync", "on");
                config.put("synchronous_commit", "on");
            } else {
                config.put("fsync", "off");
                config.put("synchronous_commit", "off");
                config.put("full_page_writes", "off");
            }
            long started = System.nanoTime();
            var lease = EmbeddedPostgresServer.acquire(mode.dataDirectory().resolve("postgres"), config);
            log.info(
                    "Embedded PostgreSQL ready on port {} in {} ms (data in {})",
                    lease.port(),
                    (System.nanoTime() - started) / 1_000_000,
                    lease.directory());
            return lease;
        }

        @Bean(destroyMethod = "close")
        DataSource dataSource(
                EmbeddedPostgresServer.Lease lease, @Value("${commonweal.db.pool-size:20}") int size, Environment env) {
            return pool(lease.jdbcUrl(), "postgres", "", size, "commonweal-embedded", Timeouts.of(env));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("!'${commonweal.db.url:}'.isBlank()")
    static class External {

        @Bean(destroyMethod = "close")
        DataSource dataSource(
                @Value("${commonweal.db.url}") String url,
                @Value("${commonweal.db.user:}") String user,
                @Value("${commonweal.db.password:}") String password,
                @Value("${commonweal.db.pool-size:20}") int size,
                Environment env) {
            log.info("Using the PostgreSQL server configured by COMMONWEAL_DB_URL (production mode)");
            return pool(url, user, password, size, "commonweal", Timeouts.of(env));
        }
    }
}
