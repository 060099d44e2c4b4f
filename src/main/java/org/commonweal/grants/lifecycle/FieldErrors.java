package org.commonweal.grants.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Field-level refusals of a staff form: for each field the first problem found, as a message key (in
 * {@code i18n/grants.properties}) and its arguments, so the page shows it next to the field in the user's language.
 */
public final class FieldErrors {

    public record Problem(String key, Object[] args) {}

    private final Map<String, Problem> problems = new LinkedHashMap<>();

    /** Records a problem unless the field already has one (the first is the one to fix). */
    public FieldErrors add(String field, String key, Object... args) {
        problems.putIfAbsent(field, new Problem(key, args));
        return this;
    }

    public boolean has(String field) {
        return problems.containsKey(field);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public Map<String, Problem> all() {
        return Collections.unmodifiableMap(problems);
    }

    public String keyOf(String field) {
        Problem p = problems.get(field);
        return p == null ? null : p.key();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        problems.forEach((field, p) ->
                s.append(s.isEmpty() ? "" : "; ").append(field).append(": ").append(p.key()));
        return s.toString();
    }
}
