package org.commonweal.network.fhir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The JSON of directory resources, keyed by type, id, version and last update: an entry is immutable per version,
 * so a cached text can never be stale. Searches look an entry up from its row before mapping it to a HAPI resource
 * (mapping is skipped for a hit); {@link PlanNetJsonWriter} fills it as it encodes.
 */
@Component
class PlanNetJsonCache {

    private final Map<String, String> entries;
    private final int capacity;

    PlanNetJsonCache(@Value("${commonweal.network.fhir-json-cache-entries:20000}") int capacity) {
        this.capacity = capacity;
        this.entries = Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > PlanNetJsonCache.this.capacity;
            }
        });
    }

    /** The key of a read-model row: its version and last update change with every edit. */
    static String key(String type, Map<String, Object> row) {
        return type + "/" + row.get("id") + "/" + row.get("version") + "/" + row.get("last_updated");
    }

    String get(String key) {
        return entries.get(key);
    }

    void put(String key, String json) {
        if (capacity > 0) {
            entries.put(key, json);
        }
    }
}
