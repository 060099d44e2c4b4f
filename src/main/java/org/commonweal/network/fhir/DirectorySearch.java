package org.commonweal.network.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonweal.platform.StorableText;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Runs Plan-Net reads and searches against the read model and builds the searchset Bundle: keyset paging on
 * {@code (distance, id)} or {@code id} with an opaque {@code _cursor} in the {@code next} link, so pages stay stable
 * while the directory changes; {@code _include} and {@code _revinclude} by id lists; {@code _total} only on request.
 */
@Component
class DirectorySearch {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 500;
    /**
     * Most resources one page pulls in through {@code _revinclude} (HAPI's JPA server caps includes at the same
     * number). The page of matches is shortened so that every match on it comes with all of its revincluded
     * resources (a shorter page, the rest by the {@code next} link); only a single match with more than this many is
     * cut short, with an OperationOutcome entry saying so.
     */
    static final int MAX_REVINCLUDES = 500;

    private static final Set<String> IGNORED = Set.of("_format", "_pretty", "_summary", "_elements");

    /**
     * Rows as plain maps keyed by column label (PostgreSQL's labels are already lower case): Spring's
     * case-insensitive column maps cost a lower-casing per put and get, measurable on pages of hundreds of rows.
     */
    private static final RowMapper<Map<String, Object>> ROW = (rs, n) -> {
        var meta = rs.getMetaData();
        int columns = meta.getColumnCount();
        Map<String, Object> row = new HashMap<>(columns * 2);
        for (int i = 1; i <= columns; i++) {
            row.put(meta.getColumnLabel(i), JdbcUtils.getResultSetValue(rs, i));
        }
        return row;
    };

    private final JdbcTemplate jdbc;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private final PlanNetJsonCache json;

    DirectorySearch(
            JdbcTemplate jdbc, org.springframework.transaction.support.TransactionTemplate tx, PlanNetJsonCache json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.json = json;
    }

    Resource read(String type, String id) {
        ResourceTable table = PlanNetTables.require(type);
        List<Map<String, Object>> rows = jdbc.query(
                "select * from " + table.table() + " t where t.id = ? and "
                        + table.visible().replace("$", "t"),
                ROW,
                id);
        if (rows.isEmpty()) {
            throw new ResourceNotFoundException(type + "/" + id + " is not in the directory");
        }
        return PlanNetMapper.map(type, rows.getFirst());
    }

    /** A search compiled to SQL before it reaches the database: its statement, arguments and result options. */
    record Compiled(
            ResourceTable table,
            String sql,
            List<Object> all,
            String from,
            SqlWhere where,
            List<Object> args,
            int count,
            String total,
            List<String> includes,
            List<String> revincludes,
            SearchCompiler.Distance distance) {}

    /**
     * Checks every parameter of a search and compiles it: an unknown parameter, modifier or value is an
     * {@link InvalidRequestException} naming it (a 400 with an OperationOutcome), never a statement.
     */
    static Compiled compile(String type, Map<String, String[]> parameters) {
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
                String unstorable = StorableText.problem(name + value);
                if (unstorable != null) {
                    throw new InvalidRequestException(
                            "Search parameter '" + name + "' " + unstorable + " of its name and value");
                }
                switch (name) {
                    case "_count" -> count = parseCount(value);
                    case "_cursor" -> cursor = value;
                    case "_total" -> total = parseTotal(value);
                    case "_include" -> includes.add(value);
                    case "_revinclude" -> revincludes.add(value);
                    case "_sort" ->
                        throw new InvalidRequestException(
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
        for (String revinclude : revincludes) {
            revinclude(table, revinclude);
        }
        return new Compiled(table, sql, all, from, where, args, count, total, includes, revincludes, distance);
    }

    Bundle search(String type, Map<String, String[]> parameters, String baseUrl) {
        Compiled c = compile(type, parameters);
        ResourceTable table = c.table();
        int count = c.count();
        String total = c.total();
        List<String> includes = c.includes();
        List<String> revincludes = c.revincludes();
        var distance = c.distance();
        String from = c.from();
        SqlWhere where = c.where();
        List<Object> args = c.args();
        String sql = c.sql();
        List<Object> all = c.all();
        List<Map<String, Object>> rows;
        if (distance != null && distance.join() == null) {
            // The planner misjudges the earth_box condition and would read every location in the box, then sort;
            // an index scan both bounded by the box and ordered by distance reads one page (measured 1.2 s → 3 ms
            // for 10 miles around downtown at full scale).
            rows = tx.execute(status -> {
                jdbc.execute("set local enable_bitmapscan = off");
                return jdbc.query(sql, ROW, bind(all));
            });
        } else {
            rows = jdbc.query(sql, ROW, bind(all));
        }
        boolean more = rows.size() > count;
        if (more) {
            rows = rows.subList(0, count);
        }
        List<String[]> revincludeRefs = new ArrayList<>();
        for (String revinclude : revincludes) {
            revincludeRefs.add(revinclude(table, revinclude));
        }
        if (!revincludeRefs.isEmpty() && rows.size() > 1) {
            int keep = fitRevincludes(
                    revincludeRefs, rows.stream().map(r -> (String) r.get("id")).toList());
            if (keep < rows.size()) {
                rows = rows.subList(0, keep);
                more = true;
            }
        }

        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        bundle.getMeta().setLastUpdated(new java.util.Date());
        if (!total.equals("none")) {
            Integer n = jdbc.queryForObject(
                    "select count(*) from " + from + " where " + where.sql(), Integer.class, bind(args));
            bundle.setTotal(n);
        }
        String self = baseUrl + "/" + type + query(parameters, null);
        bundle.addLink().setRelation("self").setUrl(self);
        if (more && !rows.isEmpty()) {
            Map<String, Object> last = rows.getLast();
            String next = new Cursor(distance != null ? ((Number) last.get("_distance")).doubleValue() : 0, (String)
                            last.get("id"))
                    .encode(distance != null);
            bundle.addLink().setRelation("next").setUrl(baseUrl + "/" + type + query(parameters, next));
        }
        for (Map<String, Object> row : rows) {
            var entry = bundle.addEntry()
                    .setResource(resource(type, row))
                    .setFullUrl(baseUrl + "/" + type + "/" + row.get("id"));
            entry.getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        Set<String> seen = new LinkedHashSet<>();
        rows.forEach(r -> seen.add(type + "/" + r.get("id")));
        for (String include : includes) {
            addIncludes(bundle, table, include, rows, seen, baseUrl);
        }
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        boolean truncated = false;
        for (String[] revinclude : revincludeRefs) {
            truncated |= addRevincludes(bundle, revinclude, ids, seen, baseUrl);
        }
        if (truncated) {
            var outcome = new org.hl7.fhir.r4.model.OperationOutcome();
            outcome.addIssue()
                    .setSeverity(org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.WARNING)
                    .setCode(org.hl7.fhir.r4.model.OperationOutcome.IssueType.TOOCOSTLY)
                    .setDiagnostics("_revinclude: " + ids.getFirst() + " is referred to by more than "
                            + MAX_REVINCLUDES + " resources; only the first " + MAX_REVINCLUDES
                            + " (by id) are included. Search them directly to page through all of them.");
            bundle.addEntry().setResource(outcome).getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    private void addIncludes(
            Bundle bundle,
            ResourceTable table,
            String include,
            List<Map<String, Object>> rows,
            Set<String> seen,
            String baseUrl) {
        List<String> names;
        if (include.equals("*")) {
            names = table.includes();
        } else {
            String[] parts = include.split(":");
            if (parts.length < 2
                    || parts.length > 3
                    || !parts[0].equals(table.type())
                    || !table.includes().contains(parts[1])) {
                throw new InvalidRequestException("_include=" + include + " is not supported; supported: "
                        + table.includes().stream()
                                .map(i -> table.type() + ":" + i)
                                .toList());
            }
            SearchParam p = table.param(parts[1]);
            if (parts.length == 3 && !parts[2].equals(p.target())) {
                throw new InvalidRequestException("_include=" + include + ": " + parts[1] + " refers to " + p.target());
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
            List<Map<String, Object>> found = jdbc.query(
                    "select * from " + target.table() + " t where t.id = any(?) and "
                            + target.visible().replace("$", "t") + " order by t.id",
                    ROW,
                    (Object) ids.toArray(String[]::new));
            addAll(bundle, target.type(), found, seen, baseUrl);
        }
    }

    /** Checks a {@code _revinclude} value; returns the source type and its reference parameter. */
    private static String[] revinclude(ResourceTable table, String revinclude) {
        String[] parts = revinclude.split(":");
        if (parts.length < 2 || parts.length > 3 || !table.revincludes().contains(parts[0] + ":" + parts[1])) {
            throw new InvalidRequestException("_revinclude=" + revinclude + " is not supported on " + table.type()
                    + "; supported: " + table.revincludes());
        }
        return new String[] {parts[0], parts[1]};
    }

    /**
     * How many of the page's matches (in order) can come with all of their revincluded resources within
     * {@link #MAX_REVINCLUDES}; at least one. Counted with one grouped query per revinclude.
     */
    private int fitRevincludes(List<String[]> revincludes, List<String> ids) {
        Map<String, Long> counts = new java.util.HashMap<>();
        String[] idArray = ids.toArray(String[]::new);
        for (String[] ref : revincludes) {
            ResourceTable source = PlanNetTables.require(ref[0]);
            SearchParam p = source.param(ref[1]);
            String column = p.column("s");
            String sql = p.array()
                    ? "select u, count(*) from " + source.table() + " s, unnest(" + column + ") u where " + column
                            + " && ?::text[] and u = any(?::text[]) and "
                            + source.visible().replace("$", "s")
                            + " group by u"
                    : "select " + column + ", count(*) from " + source.table() + " s where " + column
                            + " = any(?::text[]) and " + source.visible().replace("$", "s") + " group by " + column;
            Object[] args = p.array() ? new Object[] {idArray, idArray} : new Object[] {idArray};
            jdbc.query(
                    sql,
                    rs -> {
                        counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    },
                    args);
        }
        long total = 0;
        for (int i = 0; i < ids.size(); i++) {
            total += counts.getOrDefault(ids.get(i), 0L);
            if (total > MAX_REVINCLUDES) {
                return Math.max(1, i);
            }
        }
        return ids.size();
    }

    /** Adds the resources that refer to the page's matches; true when they had to be cut at the cap. */
    private boolean addRevincludes(Bundle bundle, String[] ref, List<String> ids, Set<String> seen, String baseUrl) {
        if (ids.isEmpty()) {
            return false;
        }
        ResourceTable source = PlanNetTables.require(ref[0]);
        SearchParam p = source.param(ref[1]);
        String column = p.column("s");
        String match = p.array() ? column + " && ?::text[]" : column + " = any(?::text[])";
        List<Map<String, Object>> found = jdbc.query(
                "select * from " + source.table() + " s where " + match + " and "
                        + source.visible().replace("$", "s") + " order by s.id limit " + (MAX_REVINCLUDES + 1),
                ROW,
                (Object) ids.toArray(String[]::new));
        boolean truncated = found.size() > MAX_REVINCLUDES;
        addAll(bundle, source.type(), truncated ? found.subList(0, MAX_REVINCLUDES) : found, seen, baseUrl);
        return truncated;
    }

    private void addAll(Bundle bundle, String type, List<Map<String, Object>> rows, Set<String> seen, String baseUrl) {
        for (Map<String, Object> row : rows) {
            if (seen.add(type + "/" + row.get("id"))) {
                var entry = bundle.addEntry()
                        .setResource(resource(type, row))
                        .setFullUrl(baseUrl + "/" + type + "/" + row.get("id"));
                entry.getSearch().setMode(Bundle.SearchEntryMode.INCLUDE);
            }
        }
    }

    /**
     * The entry for a row: a placeholder (type and id only) carrying the cached JSON when there is one (mapping a
     * row to a HAPI resource was a good part of the time of pages with hundreds of entries), else the mapped resource
     * with its cache key; see {@link PlanNetJsonWriter}.
     */
    private Resource resource(String type, Map<String, Object> row) {
        String key = PlanNetJsonCache.key(type, row);
        String cached = json.get(key);
        if (cached != null) {
            Resource placeholder = PlanNetMapper.empty(type);
            placeholder.setId((String) row.get("id"));
            placeholder.setUserData(PlanNetJsonWriter.JSON, cached);
            placeholder.setUserData(PlanNetJsonWriter.ROW, row);
            return placeholder;
        }
        Resource resource = PlanNetMapper.map(type, row);
        resource.setUserData(PlanNetJsonWriter.KEY, key);
        return resource;
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
                q.append(q.isEmpty() ? "?" : "&")
                        .append(encode(e.getKey()))
                        .append('=')
                        .append(encode(v));
            }
        }
        if (cursor != null) {
            q.append(q.isEmpty() ? "?" : "&").append("_cursor=").append(cursor);
        }
        return q.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("%3A", ":")
                .replace("%2F", "/")
                .replace("%2C", ",");
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
