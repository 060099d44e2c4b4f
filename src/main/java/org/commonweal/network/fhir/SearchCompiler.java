package org.commonweal.network.fhir;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns FHIR search parameters into SQL over the read model: plain parameters with their modifiers, forward chains
 * ({@code location.address-city}), reverse chains ({@code _has:PractitionerRole:practitioner:specialty}) and
 * {@code near}. Anything it does not know is a 400, never silently ignored.
 */
final class SearchCompiler {

    static final double METRES_PER_MILE = 1609.344;

    private final AtomicInteger aliases = new AtomicInteger();

    /** A distance ordering requested by {@code near} or {@code location.near}. */
    record Distance(String join, String expression, List<Object> args) {}

    private Distance distance;

    Distance distance() {
        return distance;
    }

    String newAlias() {
        return "s" + aliases.incrementAndGet();
    }

    /** Adds the condition for one occurrence of {@code name=value} (a comma means OR) on {@code table}. */
    void add(SqlWhere where, ResourceTable table, String alias, String name, String value) {
        if (name.startsWith("_has:")) {
            reverseChain(where, table, alias, name, value);
            return;
        }
        int dot = name.indexOf('.');
        if (dot > 0) {
            int modifierColon = name.indexOf(':', dot);
            String chain = modifierColon > 0 ? name.substring(0, modifierColon) : name;
            if (table.param(chain) == null) {
                forwardChain(where, table, alias, name.substring(0, dot), name.substring(dot + 1), value);
                return;
            }
            // a chain the table answers from a column of its own (kept in step with the target by a trigger)
        }
        String modifier = null;
        int colon = name.indexOf(':');
        if (colon > 0) {
            modifier = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        SearchParam param = table.param(name);
        if (param == null) {
            throw new InvalidRequestException("Unknown search parameter '" + name + "' for " + table.type()
                    + "; supported: "
                    + String.join(
                            ", ",
                            table.params().keySet().stream()
                                    .filter(n -> !n.contains("."))
                                    .sorted()
                                    .toList()));
        }
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException("Search parameter '" + name + "' has no value");
        }
        if ("missing".equals(modifier)) {
            missing(where, param, alias, value);
            return;
        }
        switch (param.kind()) {
            case TOKEN -> token(where, param, alias, modifier, value);
            case STRING -> string(where, param, alias, modifier, value);
            case REFERENCE -> reference(where, param, alias, modifier, value);
            case DATE -> date(where, param, alias, modifier, value);
            case PERIOD -> period(where, param, alias, modifier, value);
            case BOOLEAN -> bool(where, param, alias, modifier, value);
            case NEAR -> near(where, param, alias, modifier, value, null);
        }
    }

    private void forwardChain(
            SqlWhere where, ResourceTable table, String alias, String reference, String rest, String value) {
        String typeModifier = null;
        int colon = reference.indexOf(':');
        if (colon > 0) {
            typeModifier = reference.substring(colon + 1);
            reference = reference.substring(0, colon);
        }
        SearchParam param = table.param(reference);
        if (param == null || param.kind() != SearchParam.Kind.REFERENCE) {
            throw new InvalidRequestException(
                    "Cannot chain through '" + reference + "': not a reference parameter of " + table.type());
        }
        if (typeModifier != null && !typeModifier.equals(param.target())) {
            throw new InvalidRequestException(
                    "'" + reference + "' refers to " + param.target() + ", not " + typeModifier);
        }
        ResourceTable target = PlanNetTables.require(param.target());
        String s = newAlias();
        if (rest.equals("near") && !param.array()) {
            // distance from the referenced location: join it so results can be sorted by distance
            SearchParam near = target.param("near");
            if (near == null) {
                throw new InvalidRequestException(param.target() + " has no near parameter");
            }
            near(
                    where,
                    near,
                    s,
                    null,
                    value,
                    "join " + target.table() + " " + s + " on " + s + ".id = " + param.column(alias));
            return;
        }
        SqlWhere inner = new SqlWhere();
        inner.add(target.visible().replace("$", s));
        add(inner, target, s, rest, value);
        String sub = "select " + s + ".id from " + target.table() + " " + s + " where " + inner.sql();
        where.add(
                param.array()
                        ? param.column(alias) + " && array(" + sub + ")"
                        : param.column(alias) + " in (" + sub + ")",
                inner.args().toArray());
    }

    private void reverseChain(SqlWhere where, ResourceTable table, String alias, String name, String value) {
        String[] parts = name.split(":", 4);
        if (parts.length < 4) {
            throw new InvalidRequestException("_has must read _has:Type:reference:parameter, not '" + name + "'");
        }
        ResourceTable source = PlanNetTables.table(parts[1])
                .orElseThrow(() -> new InvalidRequestException("_has: unknown resource type '" + parts[1] + "'"));
        SearchParam reference = source.param(parts[2]);
        if (reference == null
                || reference.kind() != SearchParam.Kind.REFERENCE
                || !reference.target().equals(table.type())) {
            throw new InvalidRequestException(
                    "_has: " + parts[1] + "." + parts[2] + " is not a reference to " + table.type());
        }
        String s = newAlias();
        SqlWhere inner = new SqlWhere();
        inner.add(source.visible().replace("$", s));
        add(inner, source, s, parts[3], value);
        String link = reference.array()
                ? reference.column(s) + " @> array[" + alias + ".id]"
                : reference.column(s) + " = " + alias + ".id";
        where.add(
                "exists (select 1 from " + source.table() + " " + s + " where " + link + " and " + inner.sql() + ")",
                inner.args().toArray());
    }

    private static void token(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        boolean not = "not".equals(modifier);
        if (modifier != null && !not) {
            throw unsupportedModifier(param, modifier);
        }
        List<String> codes = new ArrayList<>();
        for (String v : splitOr(value)) {
            int bar = v.indexOf('|');
            codes.add(bar >= 0 ? v.substring(bar + 1) : v);
        }
        String[] values = codes.toArray(String[]::new);
        String condition =
                param.array() ? param.column(alias) + " && ?::text[]" : param.column(alias) + " = any(?::text[])";
        where.add(not ? "not coalesce(" + condition + ", false)" : condition, (Object) values);
    }

    private static void string(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        List<String> ors = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (String v : splitOr(value)) {
            for (String column : param.columns()) {
                String c = column.replace("$", alias);
                if (modifier == null) {
                    ors.add("lower(" + c + ") like ?");
                    args.add(escapeLike(v.toLowerCase(Locale.ROOT)) + "%");
                } else if (modifier.equals("exact")) {
                    ors.add(c + " = ?");
                    args.add(v);
                } else if (modifier.equals("contains")) {
                    ors.add("lower(" + c + ") like ?");
                    args.add("%" + escapeLike(v.toLowerCase(Locale.ROOT)) + "%");
                } else {
                    throw unsupportedModifier(param, modifier);
                }
            }
        }
        where.add("(" + String.join(" or ", ors) + ")", args.toArray());
    }

    private static void reference(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        if (modifier != null && !modifier.equals(param.target())) {
            throw unsupportedModifier(param, modifier);
        }
        List<String> ids = new ArrayList<>();
        for (String v : splitOr(value)) {
            String[] segments = v.split("/");
            if (segments.length == 0) {
                throw new InvalidRequestException("'" + param.name() + "' must be an id or Type/id, not '" + v + "'");
            }
            String id = segments[segments.length - 1];
            if (segments.length >= 2 && !segments[segments.length - 2].equals(param.target())) {
                continue; // a reference to another type cannot match
            }
            if (segments.length >= 2 && segments[segments.length - 2].equals("_history")) {
                throw new InvalidRequestException("Versioned references are not supported: " + v);
            }
            ids.add(id);
        }
        String[] values = ids.toArray(String[]::new);
        where.add(
                param.array() ? param.column(alias) + " && ?::text[]" : param.column(alias) + " = any(?::text[])",
                (Object) values);
    }

    private static void bool(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        if (modifier != null) {
            throw unsupportedModifier(param, modifier);
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidRequestException("'" + param.name() + "' must be true or false, not '" + value + "'");
        }
        where.add(param.column(alias) + " = ?", Boolean.parseBoolean(value));
    }

    private static void missing(SqlWhere where, SearchParam param, String alias, String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidRequestException(":missing takes true or false, not '" + value + "'");
        }
        String c = param.column(alias);
        String isMissing = param.array() ? "cardinality(" + c + ") = 0" : c + " is null";
        where.add(value.equals("true") ? isMissing : "not (" + isMissing + ")");
    }

    /** {@code _lastUpdated} and other instants: every comparator of FHIR, at the precision given. */
    private static void date(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        if (modifier != null) {
            throw unsupportedModifier(param, modifier);
        }
        Range r = range(param, value);
        String c = param.column(alias);
        switch (r.prefix) {
            case EQUAL, APPROXIMATE -> where.add(c + " >= ? and " + c + " < ?", r.lower, r.upper);
            case NOT_EQUAL -> where.add("(" + c + " < ? or " + c + " >= ?)", r.lower, r.upper);
            case GREATERTHAN, STARTS_AFTER -> where.add(c + " >= ?", r.upper);
            case GREATERTHAN_OR_EQUALS -> where.add(c + " >= ?", r.lower);
            case LESSTHAN, ENDS_BEFORE -> where.add(c + " < ?", r.lower);
            case LESSTHAN_OR_EQUALS -> where.add(c + " < ?", r.upper);
        }
    }

    /** A role's period: {@code date=2026-01-01} finds roles active that day; other comparators compare the period. */
    private static void period(SqlWhere where, SearchParam param, String alias, String modifier, String value) {
        if (modifier != null) {
            throw unsupportedModifier(param, modifier);
        }
        Range r = range(param, value);
        String start = param.columns().get(0).replace("$", alias);
        String end = param.columns().get(1).replace("$", alias);
        LocalDate lower = LocalDate.ofInstant(r.lower, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(r.upper.minusMillis(1), ZoneOffset.UTC);
        switch (r.prefix) {
            case EQUAL, APPROXIMATE ->
                where.add(
                        "(" + start + " is null or " + start + " <= ?) and (" + end + " is null or " + end + " >= ?)",
                        lastDay,
                        lower);
            case NOT_EQUAL -> where.add("((" + start + " > ?) or (" + end + " < ?))", lastDay, lower);
            case GREATERTHAN, STARTS_AFTER -> where.add("(" + end + " is null or " + end + " > ?)", lastDay);
            case GREATERTHAN_OR_EQUALS -> where.add("(" + end + " is null or " + end + " >= ?)", lower);
            case LESSTHAN, ENDS_BEFORE -> where.add("(" + start + " is null or " + start + " < ?)", lower);
            case LESSTHAN_OR_EQUALS -> where.add("(" + start + " is null or " + start + " <= ?)", lastDay);
        }
    }

    /**
     * {@code near=latitude|longitude|distance|unit}: within the distance (default 5 miles), nearest first, using the
     * GiST index on {@code ll_to_earth}.
     */
    private void near(SqlWhere where, SearchParam param, String alias, String modifier, String value, String join) {
        if (modifier != null) {
            throw unsupportedModifier(param, modifier);
        }
        if (distance != null) {
            throw new InvalidRequestException("Only one near parameter is supported per search");
        }
        String[] parts = value.split("\\|", -1);
        if (parts.length < 2 || parts.length > 4) {
            throw new InvalidRequestException("near must read latitude|longitude|distance|unit, not '" + value + "'");
        }
        double lat;
        double lon;
        double amount;
        try {
            lat = Double.parseDouble(parts[0]);
            lon = Double.parseDouble(parts[1]);
            amount = parts.length > 2 && !parts[2].isEmpty() ? Double.parseDouble(parts[2]) : 5;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("near must read latitude|longitude|distance|unit, not '" + value + "'");
        }
        if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180 && amount > 0 && Double.isFinite(amount))) {
            // written so that NaN (Java reads "NaN") and Infinity are out of range too
            throw new InvalidRequestException("near: latitude, longitude or distance out of range in '" + value + "'");
        }
        String unit = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "mi";
        double metres = amount
                * switch (unit) {
                    case "mi", "[mi_i]", "[mi_us]" -> METRES_PER_MILE;
                    case "km" -> 1000;
                    case "m" -> 1;
                    default -> throw new InvalidRequestException("near: unit must be mi, km or m, not '" + unit + "'");
                };
        String latitude = param.columns().get(0).replace("$", alias);
        String longitude = param.columns().get(1).replace("$", alias);
        String point = "ll_to_earth(" + latitude + ", " + longitude + ")";
        where.add(
                "earth_box(ll_to_earth(?, ?), ?) @> " + point + " and earth_distance(ll_to_earth(?, ?), " + point
                        + ") <= ?",
                lat,
                lon,
                metres,
                lat,
                lon,
                metres);
        // ordered by the cube distance (<->, the chord: same order as the great-circle distance) so that the GiST
        // index returns the nearest first and the search stops after a page
        distance = new Distance(join, point + " <-> ll_to_earth(?, ?)", List.of(lat, lon));
    }

    private record Range(ParamPrefixEnum prefix, Instant lower, Instant upper) {}

    private static Range range(SearchParam param, String value) {
        DateParam date;
        try {
            date = new DateParam(value);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("'" + param.name() + "' is not a FHIR date: '" + value + "'");
        }
        if (date.getValue() == null) {
            throw new InvalidRequestException("'" + param.name() + "' is not a FHIR date: '" + value + "'");
        }
        ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
        org.hl7.fhir.r4.model.DateTimeType dt;
        try {
            dt = new org.hl7.fhir.r4.model.DateTimeType(date.getValueAsString());
        } catch (IllegalArgumentException | ca.uhn.fhir.parser.DataFormatException e) {
            // DateParam reads 2026-01-01T00:00Z and 2026-01-01T00:00, which are not FHIR dateTimes (seconds are
            // required with a time): HAPI throws IllegalArgumentException for one, DataFormatException for the other
            throw new InvalidRequestException("'" + param.name() + "' is not a FHIR date: '" + value + "'");
        }
        Instant lower = dt.getValue().toInstant();
        var upperDt = dt.copy();
        switch (dt.getPrecision()) {
            case YEAR -> upperDt.add(java.util.Calendar.YEAR, 1);
            case MONTH -> upperDt.add(java.util.Calendar.MONTH, 1);
            case DAY -> upperDt.add(java.util.Calendar.DATE, 1);
            case MINUTE -> upperDt.add(java.util.Calendar.MINUTE, 1);
            case SECOND -> upperDt.add(java.util.Calendar.SECOND, 1);
            default -> upperDt.add(java.util.Calendar.MILLISECOND, 1);
        }
        return new Range(prefix, lower, upperDt.getValue().toInstant());
    }

    private static List<String> splitOr(String value) {
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                current.append(value.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString());
        return values.stream().filter(v -> !v.isEmpty()).toList();
    }

    private static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static InvalidRequestException unsupportedModifier(SearchParam param, String modifier) {
        return new InvalidRequestException("Modifier ':" + modifier + "' is not supported on '" + param.name() + "'");
    }

    static String[] array(List<String> values) {
        return values.toArray(String[]::new);
    }

    static List<String> list(String... values) {
        return Arrays.asList(values);
    }
}
