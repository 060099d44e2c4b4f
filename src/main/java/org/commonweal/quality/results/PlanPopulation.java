package org.commonweal.quality.results;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.commonweal.coverage.EnrollmentSpan;

/**
 * The plan's population view (MCAS, after HEDIS continuous enrollment): a member counts when enrolled through the
 * measurement period with at most one gap, of at most 45 days, and enrolled on its last day (the anchor date).
 * Suspended spans do not cover; spans of any of the plan's product lines join.
 */
public final class PlanPopulation {

    /** The longest allowed gap, in days. */
    public static final int MAX_GAP_DAYS = 45;

    private PlanPopulation() {}

    public static boolean continuouslyEnrolled(List<EnrollmentSpan> spans, LocalDate from, LocalDate to) {
        var covering = spans.stream()
                .filter(s -> !"suspended".equals(s.status()))
                .filter(s ->
                        !s.begin().isAfter(to) && (s.end() == null || !s.end().isBefore(from)))
                .sorted(Comparator.comparing(EnrollmentSpan::begin))
                .toList();
        int gaps = 0;
        var covered = from.minusDays(1); // the last day covered so far
        for (var span : covering) {
            if (span.begin().isAfter(covered.plusDays(1))) {
                long gap = ChronoUnit.DAYS.between(covered, span.begin()) - 1;
                if (++gaps > 1 || gap > MAX_GAP_DAYS) return false;
            }
            var end = span.end() == null || span.end().isAfter(to) ? to : span.end();
            if (end.isAfter(covered)) covered = end;
        }
        return !covered.isBefore(to); // enrolled on the anchor date: no gap at the end
    }
}
