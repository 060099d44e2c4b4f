package org.commonweal.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one view or export publishes about people, as the disclosure-control rule must see it: the counts (each
 * under a key the view chooses), the counts that are computed but not published (they tie published ones together,
 * such as the members of ZIPs with no gap), and the additive relations between them (a row total, a county that is the
 * sum of its SPAs, a year that is the sum of its months, members that are met plus not met). An attacker who reads the
 * output knows all of this; {@link CellSuppression} masks until the relations give back no small count.
 */
public final class Publication {

    private final Map<Object, Integer> ids = new LinkedHashMap<>();
    private final List<Long> values = new ArrayList<>();
    private final List<Boolean> published = new ArrayList<>();
    private final List<int[]> relations = new ArrayList<>();
    private final List<List<Integer>> relationsOf = new ArrayList<>();
    private long largest;

    /** A published count. Registering the same key again (a cell shown in two tables) must give the same value. */
    public Publication count(Object key, long value) {
        add(key, value, true);
        return this;
    }

    /** A count that is not published but that relations refer to (the attacker knows only that it is not negative). */
    public Publication unpublished(Object key, long value) {
        add(key, value, false);
        return this;
    }

    /** {@code total} is the sum of {@code parts}: all of them registered before. */
    public Publication sum(Object total, List<?> parts) {
        int[] relation = new int[parts.size() + 1];
        relation[0] = id(total);
        for (int i = 0; i < parts.size(); i++) {
            relation[i + 1] = id(parts.get(i));
        }
        if (parts.isEmpty()) {
            return this;
        }
        long sum = 0;
        for (int i = 1; i < relation.length; i++) {
            sum += values.get(relation[i]);
        }
        if (sum != values.get(relation[0])) {
            throw new IllegalArgumentException(
                    "total " + total + " = " + values.get(relation[0]) + " is not the sum of its parts (" + sum + ")");
        }
        for (int c : relation) {
            relationsOf.get(c).add(relations.size());
        }
        relations.add(relation);
        return this;
    }

    /**
     * Relates a total to parts that may not cover it all: when they add up to it, {@code total = sum(parts)}; when they
     * add up to less (people with no SPA, months before the first kept), the remainder is an unpublished count; when
     * they add up to more (distinct people counted once in the total), there is no linear relation to record.
     */
    public Publication relate(Object total, List<?> parts) {
        long sum = 0;
        for (Object part : parts) {
            sum += values.get(id(part));
        }
        long whole = values.get(id(total));
        if (sum > whole || parts.isEmpty()) {
            return this;
        }
        if (sum == whole) {
            return sum(total, parts);
        }
        List<Object> all = new ArrayList<>(parts);
        Object rest = List.of("remainder of", total, relations.size());
        unpublished(rest, whole - sum);
        all.add(rest);
        return sum(total, all);
    }

    public Publication sum(Object total, Object... parts) {
        return sum(total, List.of(parts));
    }

    public boolean has(Object key) {
        return ids.containsKey(key);
    }

    private void add(Object key, long value, boolean shown) {
        if (value < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + key + " = " + value);
        }
        Integer existing = ids.get(key);
        if (existing != null) {
            if (values.get(existing) != value) {
                throw new IllegalArgumentException(
                        key + " registered with two values: " + values.get(existing) + " and " + value);
            }
            published.set(existing, published.get(existing) || shown);
            return;
        }
        ids.put(key, values.size());
        values.add(value);
        largest = Math.max(largest, value);
        published.add(shown);
        relationsOf.add(new ArrayList<>());
    }

    int id(Object key) {
        Integer id = ids.get(key);
        if (id == null) {
            throw new IllegalArgumentException("no count registered under " + key);
        }
        return id;
    }

    /** How many counts (published or not) and relations it holds. */
    public String describe() {
        return values.size() + " counts, " + relations.size() + " relations";
    }

    /** How many counts it holds, published or not. */
    public int size() {
        return values.size();
    }

    long value(int id) {
        return values.get(id);
    }

    long largest() {
        return largest;
    }

    boolean published(int id) {
        return published.get(id);
    }

    List<int[]> relations() {
        return Collections.unmodifiableList(relations);
    }

    List<Integer> relationsOf(int id) {
        return relationsOf.get(id);
    }

    Object key(int id) {
        return ids.entrySet().stream()
                .filter(e -> e.getValue() == id)
                .findFirst()
                .orElseThrow()
                .getKey();
    }
}
