package org.commonweal.network.fhir;

import java.util.ArrayList;
import java.util.List;

/** SQL conditions joined by AND, with their positional arguments (strings, numbers, timestamps, text arrays). */
final class SqlWhere {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> args = new ArrayList<>();

    void add(String condition, Object... values) {
        conditions.add(condition);
        args.addAll(List.of(values));
    }

    void addAll(SqlWhere other) {
        conditions.addAll(other.conditions);
        args.addAll(other.args);
    }

    String sql() {
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }

    List<Object> args() {
        return args;
    }
}
