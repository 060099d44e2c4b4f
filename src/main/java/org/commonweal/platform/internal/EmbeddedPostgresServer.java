package org.commonweal.platform.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded PostgreSQL per data directory and JVM, shared by every application context that asks for it
 * (tests start several; the two-instance test starts two on one database) and stopped when the last one closes.
 */
final class EmbeddedPostgresServer {

    static final String DATABASE = "commonweal";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private record Running(EmbeddedPostgres postgres, int[] users) {}

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

    private EmbeddedPostgresServer() {}

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
            stopOrphan(dir);
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

    /**
     * Stops a server that an instance killed without shutting down ({@code kill -9}, a crash of the JVM) left running
     * on this data directory: it would keep the next start from starting (#20). It is an orphan when the server named
     * in {@code postmaster.pid} still runs while no live process holds the directory's lock ({@code epg-lock}, held
     * by the JVM that started it for as long as it runs); then it gets SIGTERM, the smart shutdown, which its dead
     * clients no longer hold up, and PostgreSQL's own recovery takes care of the rest at the next start.
     */
    static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return; // unreadable: PostgreSQL itself decides at start
        }
        var server = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (server.isEmpty()) {
            return;
        }
        try (FileChannel channel =
                        FileChannel.open(dir.resolve("epg-lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                return; // a live instance uses it
            }
            log.warn(
                    "The embedded PostgreSQL (pid {}) of an instance that ended without stopping it still runs on {};"
                            + " stopping it",
                    pid,
                    dir);
            server.get().destroy();
            try {
                server.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new IOException("the orphaned PostgreSQL (pid " + pid + ") on " + dir + " did not stop", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the orphaned PostgreSQL on " + dir, e);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM holds it: not an orphan
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
