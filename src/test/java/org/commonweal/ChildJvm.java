package org.commonweal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * A second JVM on the tests' class path and database, for fault drills that kill a process with SIGKILL
 * ({@link Process#destroyForcibly()}): its main class gets the JDBC URL and user first, then {@code args}; its output
 * goes to {@code log}.
 */
public final class ChildJvm {

    private ChildJvm() {}

    public static Process start(DataSource dataSource, Path log, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        try (Connection c = dataSource.getConnection()) {
            command.add(c.getMetaData().getURL());
            command.add(c.getMetaData().getUserName());
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * The application itself running one of its operational commands ({@code java -jar commonweal.jar NAME …}) in a
     * second JVM, in production mode on the tests' database ({@code commonweal.db.url}), with its own data directory
     * {@code dataDir}; its output goes to {@code log}.
     */
    public static Process command(DataSource dataSource, Path log, Path dataDir, String... commandArgs)
            throws Exception {
        List<String> database = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            database.add("-Dcommonweal.db.url=" + c.getMetaData().getURL());
            database.add("-Dcommonweal.db.user=" + c.getMetaData().getUserName());
        }
        return application(database, log, dataDir, commandArgs);
    }

    /**
     * The application running one of its commands in a second JVM in demo mode: its own embedded PostgreSQL in
     * {@code dataDir/postgres} (left running, as a real one would be, when the child is killed).
     */
    public static Process demoCommand(Path log, Path dataDir, String... commandArgs) throws Exception {
        return application(List.of(), log, dataDir, commandArgs);
    }

    private static Process application(List<String> database, Path log, Path dataDir, String... commandArgs)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(database);
        command.addAll(List.of(
                "-Dcommonweal.db.pool-size=4",
                "-Dcommonweal.data-dir=" + dataDir,
                "-Dcommonweal.demo.load=false",
                "-Dlogging.level.root=WARN",
                "-Dlogging.level.org.commonweal=INFO",
                CommonwealApplication.class.getName()));
        command.addAll(List.of(commandArgs));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /** Waits up to {@code timeout} for {@code condition}, failing with the child's log if it ends or never comes. */
    public static void await(Process child, Path log, Duration timeout, String what, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the child ended (exit " + child.exitValue() + ") before " + what + "; log:\n"
                        + Files.readString(log));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + timeout + "; log:\n" + Files.readString(log));
    }
}
