package org.commonweal.adequacy.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.commonweal.network.LocationChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The durable side of {@link DirectoryChanges}: each location's latest change, in {@code
 * adequacy.location_change_queue}, until a batch containing it has been applied. Codes are joined with commas
 * (product-line codes and NUCC taxonomy codes never contain one).
 */
@Component
class LocationChangeQueue {

    /** A queued change and the version that was claimed, so a newer change of the same location survives. */
    record Queued(LocationChanged change, long version) {}

    private final JdbcClient jdbc;

    LocationChangeQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the location's latest state; a claimed older version is released to be applied again. */
    void put(LocationChanged c) {
        jdbc.sql("""
                insert into adequacy.location_change_queue (location_id, network_product_lines, taxonomy_codes,
                    latitude, longitude, removed, version)
                values (?, string_to_array(?, ','), string_to_array(?, ','), ?, ?, ?,
                    nextval('adequacy.location_change_version'))
                on conflict (location_id) do update set network_product_lines = excluded.network_product_lines,
                    taxonomy_codes = excluded.taxonomy_codes, latitude = excluded.latitude,
                    longitude = excluded.longitude, removed = excluded.removed, version = excluded.version,
                    queued_at = now(), claimed_until = null""")
                .params(
                        c.locationId(),
                        String.join(",", c.networkProductLines()),
                        String.join(",", c.taxonomyCodes()),
                        c.latitude(),
                        c.longitude(),
                        c.removed())
                .update();
    }

    /**
     * Claims every change not claimed by a live lease, for {@code lease}: another instance (or this one after a
     * restart) takes them over only once the lease has run out.
     */
    List<Queued> claim(Duration lease) {
        return jdbc.sql("""
                update adequacy.location_change_queue set claimed_until = now() + ?::interval
                where claimed_until is null or claimed_until < now()
                returning location_id, network_product_lines, taxonomy_codes, latitude, longitude, removed, version""")
                .param(lease.toSeconds() + " seconds")
                .query((rs, n) -> new Queued(
                        new LocationChanged(
                                rs.getString(1),
                                codes(rs, 2),
                                codes(rs, 3),
                                (Double) rs.getObject(4),
                                (Double) rs.getObject(5),
                                rs.getBoolean(6)),
                        rs.getLong(7)))
                .list();
    }

    /** The batch was applied: forgets each change unless a newer one came meanwhile. */
    void applied(List<Queued> batch) {
        for (Queued q : batch) {
            jdbc.sql("delete from adequacy.location_change_queue where location_id = ? and version = ?")
                    .params(q.change().locationId(), q.version())
                    .update();
        }
    }

    /** The batch could not be applied: its changes wait for the next attempt. */
    void release(List<Queued> batch) {
        for (Queued q : batch) {
            jdbc.sql("""
                    update adequacy.location_change_queue set claimed_until = null
                    where location_id = ? and version = ?""").params(q.change().locationId(), q.version()).update();
        }
    }

    int size() {
        return jdbc.sql("select count(*) from adequacy.location_change_queue")
                .query(Integer.class)
                .single();
    }

    private static List<String> codes(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
