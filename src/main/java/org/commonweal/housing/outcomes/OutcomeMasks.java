package org.commonweal.housing.outcomes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.commonweal.platform.CellSuppression;
import org.commonweal.platform.Publication;
import org.springframework.stereotype.Component;

/**
 * The masks of the outcome tables (#19), decided once per set of figures rather than on every view. Both groupings (by
 * program and by SPA) count the same stays, so their counts are one {@link Publication}: each column of either
 * grouping sums to the same total (not published, but one grouping gives it for the other). The masks are a function
 * of that publication alone, so they are kept under a digest of every count in it: a view whose figures differ in
 * any count (an enrollment, an exit, a day passing) finds no entry and decides them; a view with the same figures
 * gets the masks decided over exactly those figures, never another's.
 */
@Component
class OutcomeMasks {

    /** Sets of figures kept: the two groupings, and a change of figures while the previous ones are still viewed. */
    static final int KEPT = 8;

    private final Map<String, CellSuppression.Masking> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CellSuppression.Masking> eldest) {
            return size() > KEPT;
        }
    };

    private final AtomicLong decided = new AtomicLong();

    /**
     * The masks of {@code shown} (one grouping's rows) published together with {@code other} (the other grouping's
     * rows over the same stays; empty when the viewer sees counts); keys are {@code [grouping, group, column]}.
     */
    CellSuppression.Masking masking(
            OutcomeReport.GroupBy shown, Map<OutcomeReport.GroupBy, List<OutcomeReport.Row>> both, boolean suppress) {
        if (!suppress) {
            return CellSuppression.apply(publication(shown, both), false);
        }
        String digest = digest(shown, both);
        synchronized (kept) {
            var masking = kept.get(digest);
            if (masking != null) {
                return masking;
            }
        }
        var masking = CellSuppression.apply(publication(shown, both), true);
        decided.incrementAndGet();
        synchronized (kept) {
            kept.put(digest, masking);
        }
        return masking;
    }

    /** Publications whose masks were decided (not found among those kept), since start. */
    long decided() {
        return decided.get();
    }

    void clear() {
        synchronized (kept) {
            kept.clear();
        }
    }

    static Publication publication(
            OutcomeReport.GroupBy shown, Map<OutcomeReport.GroupBy, List<OutcomeReport.Row>> both) {
        var p = new Publication();
        for (var e : both.entrySet()) {
            for (var r : e.getValue()) {
                counts(r).forEach((column, value) -> p.count(List.of(e.getKey(), r.group(), column), value));
            }
        }
        for (String column : counts(
                        both.get(shown).isEmpty() ? null : both.get(shown).getFirst())
                .keySet()) {
            long total = both.get(shown).stream()
                    .mapToLong(r -> counts(r).get(column))
                    .sum();
            p.unpublished(List.of("all stays", column), total);
            for (var e : both.entrySet()) {
                p.relate(
                        List.of("all stays", column),
                        e.getValue().stream()
                                .map(r -> (Object) List.of(e.getKey(), r.group(), column))
                                .toList());
            }
        }
        return p;
    }

    /** Every count the publication is built from, in order, with the grouping shown. */
    static String digest(OutcomeReport.GroupBy shown, Map<OutcomeReport.GroupBy, List<OutcomeReport.Row>> both) {
        StringBuilder s = new StringBuilder(shown.name());
        both.forEach((grouping, rows) -> {
            s.append('\n').append(grouping.name());
            for (var r : rows) {
                s.append('\n').append(r.group()).append('\t').append(counts(r));
            }
        });
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Long> counts(OutcomeReport.Row r) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (r == null) {
            return counts;
        }
        counts.put("enrolled", r.enrolled());
        counts.put("housed", r.housed());
        r.exits().forEach((k, v) -> counts.put("exit:" + k, v.longValue()));
        return counts;
    }
}
