package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commonweal.coverage.EnrollmentSpan;

/**
 * Coverage before and after housing, from enrollment spans only (Commonweal holds no claims or encounters yet).
 * The windows are the 12 calendar months before the move-in month and the 12 after it; the move-in month itself is
 * in neither. A month is covered when a Medi-Cal span (not suspended) covers any day of it; it has a PCP when such a
 * span names one. A window has a gap when at least one of its months is not covered.
 */
final class HealthUse {

    /** One housed member's windows. */
    record Windows(
            int monthsBefore,
            int monthsAfter,
            boolean gapBefore,
            boolean gapAfter,
            int pcpMonthsBefore,
            int pcpMonthsAfter,
            boolean pcpAtMoveIn,
            boolean pcpAfterYear) {}

    static final int WINDOW = 12;

    private HealthUse() {}

    /** Whether the 12 months after the move-in month have all ended by {@code today}. */
    static boolean afterWindowComplete(LocalDate moveIn, LocalDate today) {
        return YearMonth.from(moveIn).plusMonths(WINDOW).isBefore(YearMonth.from(today));
    }

    /**
     * @param medicaidLines product line codes that are Medi-Cal
     * @return empty when the spans say nothing about the member (no spans at all: no coverage data)
     */
    static Optional<Windows> of(LocalDate moveIn, List<EnrollmentSpan> spans, Set<String> medicaidLines) {
        if (spans.isEmpty()) {
            return Optional.empty();
        }
        List<EnrollmentSpan> mediCal = spans.stream()
                .filter(s -> medicaidLines.contains(s.productLine()))
                .filter(s -> !"suspended".equals(s.status()))
                .toList();
        YearMonth moved = YearMonth.from(moveIn);
        int before = 0;
        int after = 0;
        int pcpBefore = 0;
        int pcpAfter = 0;
        for (int i = 1; i <= WINDOW; i++) {
            YearMonth b = moved.minusMonths(i);
            YearMonth a = moved.plusMonths(i);
            before += covered(mediCal, b) ? 1 : 0;
            after += covered(mediCal, a) ? 1 : 0;
            pcpBefore += withPcp(mediCal, b) ? 1 : 0;
            pcpAfter += withPcp(mediCal, a) ? 1 : 0;
        }
        return Optional.of(new Windows(
                before,
                after,
                before < WINDOW,
                after < WINDOW,
                pcpBefore,
                pcpAfter,
                withPcp(mediCal, moved.minusMonths(1)),
                withPcp(mediCal, moved.plusMonths(WINDOW))));
    }

    private static boolean covered(List<EnrollmentSpan> spans, YearMonth month) {
        return spans.stream().anyMatch(s -> overlaps(s, month));
    }

    private static boolean withPcp(List<EnrollmentSpan> spans, YearMonth month) {
        return spans.stream()
                .anyMatch(s ->
                        overlaps(s, month) && s.pcpNpi() != null && !s.pcpNpi().isBlank());
    }

    private static boolean overlaps(EnrollmentSpan s, YearMonth month) {
        return !s.begin().isAfter(month.atEndOfMonth())
                && (s.end() == null || !s.end().isBefore(month.atDay(1)));
    }
}
