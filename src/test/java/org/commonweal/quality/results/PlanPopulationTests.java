package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.coverage.EnrollmentSpan;
import org.junit.jupiter.api.Test;

/** The plan view's continuous enrollment: one gap of up to 45 days, enrolled on the last day. */
class PlanPopulationTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);

    static EnrollmentSpan span(String begin, String end) {
        return span(begin, end, "active");
    }

    static EnrollmentSpan span(String begin, String end, String status) {
        return new EnrollmentSpan(
                1,
                "M1",
                "MEDI_CAL",
                "LA1",
                List.of(),
                LocalDate.parse(begin),
                end == null ? null : LocalDate.parse(end),
                status,
                null,
                null,
                null);
    }

    static boolean enrolled(EnrollmentSpan... spans) {
        return PlanPopulation.continuouslyEnrolled(List.of(spans), START, END);
    }

    @Test
    void wholeYearOpenEndedOrSplitAcrossSpansCounts() {
        assertThat(enrolled(span("2020-05-01", null))).isTrue();
        assertThat(enrolled(span("2025-01-01", "2026-06-30"), span("2026-07-01", "2027-06-30")))
                .isTrue();
        assertThat(enrolled(span("2025-01-01", "2026-08-31"), span("2026-03-01", null)))
                .isTrue(); // overlapping
    }

    @Test
    void oneGapOfFortyFiveDaysCountsFortySixDoesNot() {
        // gap 2026-03-01 .. 2026-04-14 = 45 days
        assertThat(enrolled(span("2025-01-01", "2026-02-28"), span("2026-04-15", null)))
                .isTrue();
        // gap 2026-03-01 .. 2026-04-15 = 46 days
        assertThat(enrolled(span("2025-01-01", "2026-02-28"), span("2026-04-16", null)))
                .isFalse();
        // a gap at the period's start: enrolled from 2026-02-15 (gap Jan 1 .. Feb 14 = 45 days) / Feb 16 (46)
        assertThat(enrolled(span("2026-02-15", null))).isTrue();
        assertThat(enrolled(span("2026-02-16", null))).isFalse();
    }

    @Test
    void twoGapsOrNoEnrollmentOnTheLastDayDoNotCount() {
        assertThat(enrolled(
                        span("2025-01-01", "2026-02-28"), span("2026-03-10", "2026-08-31"), span("2026-09-10", null)))
                .isFalse();
        assertThat(enrolled(span("2025-01-01", "2026-12-30"))).isFalse();
        assertThat(enrolled()).isFalse();
    }

    @Test
    void aSuspendedSpanDoesNotCover() {
        assertThat(enrolled(
                        span("2025-01-01", "2026-02-28"),
                        span("2026-03-01", "2026-06-30", "suspended"),
                        span("2026-07-01", null)))
                .isFalse();
    }
}
