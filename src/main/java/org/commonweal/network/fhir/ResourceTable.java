package org.commonweal.network.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Plan-Net resource type in the read model: its table, the rows the public may see, its search parameters,
 * and which {@code _include} and {@code _revinclude} values it supports.
 *
 * @param visible a predicate over the alias {@code $} that every public search adds
 * @param includes reference parameters of this type that {@code _include} may follow
 * @param revincludes {@code Type:param} values that {@code _revinclude} may follow to this type
 */
record ResourceTable(
        String type,
        String table,
        String visible,
        Map<String, SearchParam> params,
        List<String> includes,
        List<String> revincludes) {

    static Builder of(String type, String table) {
        return new Builder(type, table);
    }

    SearchParam param(String name) {
        return params.get(name);
    }

    static final class Builder {
        private final String type;
        private final String table;
        private String visible = "true";
        private final Map<String, SearchParam> params = new LinkedHashMap<>();
        private List<String> includes = List.of();
        private List<String> revincludes = List.of();

        private Builder(String type, String table) {
            this.type = type;
            this.table = table;
            params.put("_id", SearchParam.token("_id", "$.id"));
            params.put("_lastUpdated", SearchParam.date("_lastUpdated", "$.last_updated"));
        }

        Builder visible(String predicate) {
            this.visible = predicate;
            return this;
        }

        Builder param(SearchParam param) {
            params.put(param.name(), param);
            return this;
        }

        Builder includes(String... names) {
            this.includes = List.of(names);
            return this;
        }

        Builder revincludes(String... values) {
            this.revincludes = List.of(values);
            return this;
        }

        ResourceTable build() {
            return new ResourceTable(type, table, visible, Map.copyOf(params), includes, revincludes);
        }
    }
}
