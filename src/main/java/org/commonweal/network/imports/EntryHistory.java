package org.commonweal.network.imports;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps each version of a directory entry once, as a JSON snapshot of its row. */
final class EntryHistory {

    private EntryHistory() {}

    static void record(JdbcClient jdbc, String type, String table, String id, String actor, String source) {
        jdbc.sql(
                        "insert into network.entry_history (resource_type, resource_id, version, changed_by, source, change,"
                                + " snapshot) select ?, t.id, t.version, ?, ?, case when t.version = 1 then 'created' else 'updated'"
                                + " end, to_jsonb(t) from " + table + " t where t.id = ? and not exists (select 1 from"
                                + " network.entry_history h where h.resource_type = ? and h.resource_id = t.id and h.version = t.version)")
                .params(type, actor, source, id, type)
                .update();
    }
}
