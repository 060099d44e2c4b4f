package org.commonweal.platform.internal;

import java.nio.file.Path;

/**
 * The demo application's embedded PostgreSQL started in its own JVM, for {@link OrphanedServerIntegrationTests}: it
 * prints the server's port and waits to be killed. Argument: the data directory.
 */
public final class OrphanedServerMain {

    public static void main(String[] args) throws Exception {
        var lease = EmbeddedPostgresServer.acquire(Path.of(args[0]), OrphanedServerIntegrationTests.config());
        System.out.println("ready on port " + lease.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
