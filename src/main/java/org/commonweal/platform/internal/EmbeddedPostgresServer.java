package org.commonweal.platform.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per data directory and JVM, shared by every application context that asks for it
 * (tests start several; the two-instance test starts two on one database) and stopped when the last one closes.
 */
final class EmbeddedPostgresServer {

    static final String DATABASE = "commonweal";

    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private record Running(EmbeddedPostgres postgres, int[] users) {
    }

    /** A lease on the running server; closing the last lease stops it. */
    record Lease(Path directory, int port) implements AutoCloseable {

        String jdbcUrl() {
            return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
        }

        @Override
        public void close() {
            release(directory);
        }
    }

    private EmbeddedPostgresServer() {
    }

    static synchronized Lease acquire(Path directory, Map<String, String> serverConfig) {
        Path dir = directory.toAbsolutePath().normalize();
        Running running = RUNNING.get(dir);
        if (running == null) {
            running = new Running(start(dir, serverConfig), new int[] {0});
            RUNNING.put(dir, running);
        }
        running.users()[0]++;
        return new Lease(dir, running.postgres().getPort());
    }

    private static synchronized void release(Path dir) {
        Running running = RUNNING.get(dir);
        if (running == null) {
            return;
        }
        if (--running.users()[0] == 0) {
            RUNNING.remove(dir);
            try {
                running.postgres().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static EmbeddedPostgres start(Path dir, Map<String, String> serverConfig) {
        try {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false);
            serverConfig.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            createDatabase(postgres);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dir, e);
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            if (!exists.executeQuery().next()) {
                try (var create = c.createStatement()) {
                    create.execute("create database " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    static Map<String, String> defaults() {
        Map<String, String> config = new HashMap<>();
        config.put("max_connections", "300");
        config.put("shared_buffers", "512MB");
        config.put("work_mem", "32MB");
        config.put("maintenance_work_mem", "512MB");
        config.put("max_wal_size", "4GB");
        config.put("listen_addresses", "localhost");
        return config;
    }
}
