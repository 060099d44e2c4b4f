package org.commonweal.network.fhir;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;

/**
 * Runs Plan-Net reads and searches against the read model and builds the searchset Bundle: keyset paging on
 * {@code (distance, id)} or {@code id} with an opaque {@code _cursor} in the {@code next} link, so pages stay stable
 * while the directory changes; {@code _include} and {@code _revinclude} by id lists; {@code _total} only on request.
 */
@Component
class DirectorySearch {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 500;
    /** Most resources one page may pull in through _revinclude, as HAPI's JPA server caps includes. */
    static final int MAX_REVINCLUDES = 1000;
    private static final Set<String> IGNORED = Set.of("_format", "_pretty", "_summary", "_elements");

    private final JdbcTemplate jdbc;

    DirectorySearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Resource read(String type, String id) {
        ResourceTable table = PlanNetTables.require(type);
        List<Map<String, Object>> rows = jdbc.queryForList("select * from " + table.table() + " t where t.id = ? and "
                + table.visible().replace("$", "t"), id);
        if (rows.isEmpty()) {
            throw new ResourceNotFoundException(type + "/" + id + " is not in the directory");
        }
        return PlanNetMapper.map(type, rows.getFirst());
    }

    Bundle search(String type, Map<String, String[]> parameters, String baseUrl) {
        ResourceTable table = PlanNetTables.require(type);
        SearchCompiler compiler = new SearchCompiler();
        SqlWhere where = new SqlWhere();
        where.add(table.visible().replace("$", "t"));
        int count = DEFAULT_COUNT;
        String cursor = null;
        String total = "none";
        List<String> includes = new ArrayList<>();
        List<String> revincludes = new ArrayList<>();
        for (var entry : parameters.entrySet()) {
            String name = entry.getKey();
            if (IGNORED.contains(name)) {
                continue;
            }
            for (String value : entry.getValue()) {
                switch (name) {
                    case "_count" -> count = parseCount(value);
                    case "_cursor" -> cursor = value;
                    case "_total" -> total = parseTotal(value);
                    case "_include" -> includes.add(value);
                    case "_revinclude" -> revincludes.add(value);
                    case "_sort" -> throw new InvalidRequestException(
                            "_sort is not supported: results are ordered by id, or by distance with near");
                    default -> compiler.add(where, table, "t", name, value);
                }
            }
        }
        var distance = compiler.distance();
        String from = table.table() + " t" + (distance != null && distance.join() != null ? " " + distance.join() : "");
        List<Object> args = new ArrayList<>(where.args());
        String select = "select t.*" + (distance != null ? ", " + distance.expression() + " as _distance" : "");
        List<Object> selectArgs = distance != null ? distance.args() : List.of();
        String keyset = "";
        List<Object> keysetArgs = new ArrayList<>();
        if (cursor != null) {
            Cursor c = Cursor.decode(cursor, distance != null);
            if (distance != null) {
                keyset = " and (" + distance.expression() + ", t.id) > (?, ?)";
                keysetArgs.addAll(distance.args());
                keysetArgs.add(c.distance());
            } else {
                keyset = " and t.id > ?";
            }
            keysetArgs.add(c.id());
        }
        String order = distance != null ? " order by _distance, t.id" : " order by t.id";
        String sql = select + " from " + from + " where " + where.sql() + keyset + order + " limit " + (count + 1);
        List<Object> all = new ArrayList<>(selectArgs);
        all.addAll(args);
        all.addAll(keysetArgs);
        List<Map<String, Object>> rows = jdbc.queryForList(sql, bind(all));
        boolean more = rows.size() > count;
        if (more) {
            rows = rows.subList(0, count);
        }

        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new java.util.Date());
        if (!total.equals("none")) {
            Integer n = jdbc.queryForObject("select count(*) from " + from + " where " + where.sql(), Integer.class,
                    bind(args));
            bundle.setTotal(n);
        }
        String self = baseUrl + "/" + type + query(parameters, null);
        bundle.addLink().setRelation("self").setUrl(self);
        if (more && !rows.isEmpty()) {
            Map<String, Object> last = rows.getLast();
            String next = new Cursor(distance != null ? ((Number) last.get("_distance")).doubleValue() : 0,
                    (String) last.get("id")).encode(distance != null);
            bundle.addLink().setRelation("next").setUrl(baseUrl + "/" + type + query(parameters, next));
        }
        for (Map<String, Object> row : rows) {
            var entry = bundle.addEntry().setResource(PlanNetMapper.map(type, row))
                    .setFullUrl(baseUrl + "/" + type + "/" + row.get("id"));
            entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(type + "/" + r.get("id")));
        for (String include : includes) {
            addIncludes(bundle, table, include, rows, seen, baseUrl);
        }
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        for (String revinclude : revincludes) {
            addRevincludes(bundle, table, revinclude, ids, seen, baseUrl);
        }
        return bundle;
    }

    private void addIncludes(Bundle bundle, ResourceTable table, String include, List<Map<String, Object>> rows,
            Set<String> seen, String baseUrl) {
        List<String> names;
        if (include.equals("*")) {
            names = table.includes();
        } else {
            String[] parts = include.split(":");
            if (parts.length < 2 || parts.length > 3 || !parts[0].equals(table.type())
                    || !table.includes().contains(parts[1])) {
                throw new InvalidRequestException("_include=" + include + " is not supported; supported: "
                        + table.includes().stream().map(i -> table.type() + ":" + i).toList());
            }
            SearchParam p = table.param(parts[1]);
            if (parts.length == 3 && !parts[2].equals(p.target())) {
                throw new InvalidRequestException("_include=" + include + ": " + parts[1] + " refers to "
                        + p.target());
            }
            names = List.of(parts[1]);
        }
        for (String name : names) {
            SearchParam p = table.param(name);
            Set<String> ids = new LinkedHashSet<>();
            String column = p.columns().getFirst().substring(2);
            for (Map<String, Object> row : rows) {
                if (p.array()) {
                    ids.addAll(PlanNetMapper.strings(row, column));
                } else if (row.get(column) != null) {
                    ids.add(row.get(column).toString());
                }
            }
            ids.removeIf(id -> seen.contains(p.target() + "/" + id));
            if (ids.isEmpty()) {
                continue;
            }
            ResourceTable target = PlanNetTables.require(p.target());
            List<Map<String, Object>> found = jdbc.queryForList("select * from " + target.table()
                    + " t where t.id = any(?) and " + target.visible().replace("$", "t") + " order by t.id",
                    (Object) ids.toArray(String[]::new));
            addAll(bundle, target.type(), found, seen, baseUrl);
        }
    }

    private void addRevincludes(Bundle bundle, ResourceTable table, String revinclude, List<String> ids,
            Set<String> seen, String baseUrl) {
        String[] parts = revinclude.split(":");
        if (parts.length < 2 || parts.length > 3 || !table.revincludes().contains(parts[0] + ":" + parts[1])) {
            throw new InvalidRequestException("_revinclude=" + revinclude + " is not supported on " + table.type()
                    + "; supported: " + table.revincludes());
        }
        if (ids.isEmpty()) {
            return;
        }
        ResourceTable source = PlanNetTables.require(parts[0]);
        SearchParam p = source.param(parts[1]);
        String column = p.column("s");
        String match = p.array() ? column + " && ?::text[]" : column + " = any(?::text[])";
        List<Map<String, Object>> found = jdbc.queryForList("select * from " + source.table() + " s where " + match
                + " and " + source.visible().replace("$", "s") + " order by s.id limit " + MAX_REVINCLUDES,
                (Object) ids.toArray(String[]::new));
        addAll(bundle, source.type(), found, seen, baseUrl);
    }

    private static void addAll(Bundle bundle, String type, List<Map<String, Object>> rows, Set<String> seen,
            String baseUrl) {
        for (Map<String, Object> row : rows) {
            if (seen.add(type + "/" + row.get("id"))) {
                var entry = bundle.addEntry().setResource(PlanNetMapper.map(type, row))
                        .setFullUrl(baseUrl + "/" + type + "/" + row.get("id"));
                entry.getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
            }
        }
    }

    private static Object[] bind(List<Object> args) {
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) {
            Object a = args.get(i);
            out[i] = a instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : a;
        }
        return out;
    }

    private static int parseCount(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw new InvalidRequestException("_count must be at least 1, not " + value);
            }
            return Math.min(n, MAX_COUNT);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("_count must be a whole number, not '" + value + "'");
        }
    }

    private static String parseTotal(String value) {
        if (!Set.of("none", "estimate", "accurate").contains(value)) {
            throw new InvalidRequestException("_total must be none, estimate or accurate, not '" + value + "'");
        }
        return value;
    }

    /** The query string of this search, with {@code _cursor} replaced by {@code cursor} (or dropped). */
    static String query(Map<String, String[]> parameters, String cursor) {
        Map<String, String[]> copy = new LinkedHashMap<>(parameters);
        copy.remove("_cursor");
        StringBuilder q = new StringBuilder();
        for (var e : copy.entrySet()) {
            for (String v : e.getValue()) {
                q.append(q.isEmpty() ? "?" : "&").append(encode(e.getKey())).append('=').append(encode(v));
            }
        }
        if (cursor != null) {
            q.append(q.isEmpty() ? "?" : "&").append("_cursor=").append(cursor);
        }
        return q.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/").replace("%2C", ",");
    }

    record Cursor(double distance, String id) {

        String encode(boolean withDistance) {
            String raw = withDistance ? distance + "|" + id : id;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String value, boolean withDistance) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                if (!withDistance) {
                    return new Cursor(0, raw);
                }
                int bar = raw.indexOf('|');
                return new Cursor(Double.parseDouble(raw.substring(0, bar)), raw.substring(bar + 1));
            } catch (RuntimeException e) {
                throw new InvalidRequestException("_cursor is not one this server issued");
            }
        }
    }
}
