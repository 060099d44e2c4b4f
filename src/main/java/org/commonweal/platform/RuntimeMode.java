package org.commonweal.platform;

import java.nio.file.Path;

/**
 * How this process runs. Demo mode (no {@code COMMONWEAL_DB_URL}) uses the embedded PostgreSQL under the data
 * directory and loads demo users and data; production mode uses the configured server and never does.
 *
 * @param embeddedDatabase whether the database is the embedded PostgreSQL
 * @param dataDirectory where the embedded database, inboxes and exports live
 * @param commandMode whether an operational command runs rather than the web server
 */
public record RuntimeMode(boolean embeddedDatabase, Path dataDirectory, boolean commandMode) {

    /** Demo users and the demo dataset are created only with the embedded database. */
    public boolean demo() {
        return embeddedDatabase;
    }
}
