package org.commonweal.coverage.x12;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The secondary indexes a first load into an empty membership builds after the load instead of maintaining them row by
 * row (issue #23): those the import itself never reads (CIN, MBI, name + birth date, history by member). The primary
 * keys and the unique indexes the import's upserts, probes and reconcile use stay in place. A crash between the drop
 * and the rebuild leaves them missing until the next import (which resumes and builds them first) or the next start
 * of the application ({@link #ensure}); {@code FirstLoadIntegrationTests} checks that their definitions are exactly
 * the migrations' and that a killed first load re-run gives the same state.
 *
 * <p>For the same reason autovacuum is off on the three tables the load fills while it runs: on tables that only grow
 * it would scan them again at every fifth of growth, on the two cores the load needs (a fifth of PostgreSQL's CPU in a
 * first load of 500,000 members). It is switched back on with the indexes, in the same places, and then vacuums each
 * table once.
 */
public final class FirstLoadIndexes {

    /** Name and definition, as the migrations create them. */
    static final List<String[]> DEFERRED = List.of(
            new String[] {"member_cin", "create index if not exists member_cin on coverage.member (cin)"},
            new String[] {"member_mbi", "create index if not exists member_mbi on coverage.member (mbi)"},
            new String[] {
                "member_name", "create index if not exists member_name on coverage.member (birth_date, name_key)"
            },
            new String[] {
                "member_change_member",
                "create index if not exists member_change_member on coverage.member_change (member_id, changed_at)"
            });

    /** The tables a first load fills, whose autovacuum waits until the load's end. */
    static final List<String> FILLED = List.of("coverage.member", "coverage.enrollment_span", "coverage.member_change");

    private FirstLoadIndexes() {}

    /** True when no member is stored yet: the import about to start is a first load. */
    static boolean firstLoad(JdbcClient jdbc) {
        return !jdbc.sql("select exists (select 1 from coverage.member)")
                .query(Boolean.class)
                .single();
    }

    /** Drops the deferred indexes and pauses autovacuum on the filled tables before a first load. */
    static void drop(JdbcClient jdbc) {
        for (String[] index : DEFERRED) {
            jdbc.sql("drop index if exists coverage." + index[0]).update();
        }
        for (String table : FILLED) {
            jdbc.sql("alter table " + table + " set (autovacuum_enabled = false)")
                    .update();
        }
    }

    /**
     * Builds any deferred index that is missing and switches autovacuum back on where a first load left it off (a
     * no-op when all is in place: the tables are altered only when their options say so).
     */
    public static void ensure(JdbcClient jdbc) {
        for (String[] index : DEFERRED) {
            jdbc.sql(index[1]).update();
        }
        for (String table : autovacuumPaused(jdbc)) {
            jdbc.sql("alter table " + table + " reset (autovacuum_enabled)").update();
        }
    }

    /** The filled tables whose autovacuum a first load switched off. */
    static List<String> autovacuumPaused(JdbcClient jdbc) {
        return jdbc.sql("""
                select 'coverage.' || c.relname from pg_class c
                where c.relnamespace = 'coverage'::regnamespace and c.relkind = 'r'
                  and 'coverage.' || c.relname = any(string_to_array(?, ','))
                  and 'autovacuum_enabled=false' = any(c.reloptions)
                order by 1""").param(String.join(",", FILLED)).query(String.class).list();
    }
}
