package org.commonweal.coverage;

import java.time.LocalDate;

/** The answer to "is this member covered on this date?": the covering span, or none. */
public record Eligibility(MemberSummary member, LocalDate date, EnrollmentSpan span, ProductLine productLine) {

    public boolean active() {
        return span != null;
    }
}
