package org.commonweal.coverage.internal;

import org.commonweal.coverage.x12.FirstLoadIndexes;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** On start, builds the secondary indexes a first 834 load killed before its end left missing (a no-op otherwise). */
@Component
class FirstLoadIndexRepair {

    private final JdbcClient jdbc;

    FirstLoadIndexRepair(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ensureIndexes() {
        FirstLoadIndexes.ensure(jdbc);
    }
}
