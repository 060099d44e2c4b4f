package org.commonweal;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * A second JVM on the tests' class path and database, for fault drills that kill a process with SIGKILL
 * ({@link Process#destroyForcibly()}): its main class gets the JDBC URL and user first, then {@code args}; its output
 * goes to {@code log}.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    public static Process start(DataSource dataSource, Path log, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"), main.getName()));
        try (Connection c = dataSource.getConnection()) {
            command.add(c.getMetaData().getURL());
            command.add(c.getMetaData().getUserName());
        }
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
