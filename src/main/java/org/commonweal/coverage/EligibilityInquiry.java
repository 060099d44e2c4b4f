package org.commonweal.coverage;

import java.time.LocalDate;

/**
 * One eligibility question: is the member with this plan member id (or, when the id is null, this Medi-Cal CIN)
 * covered on this date? A null date means today in the plan's time zone, decided in one place by
 * {@link Coverage#eligibility(java.util.List, String)}.
 */
public record EligibilityInquiry(String memberId, String cin, LocalDate date) {

    /** By plan member id. */
    public EligibilityInquiry(String memberId, LocalDate date) {
        this(memberId, null, date);
    }

    /** By Medi-Cal Client Index Number. */
    public static EligibilityInquiry byCin(String cin, LocalDate date) {
        return new EligibilityInquiry(null, cin, date);
    }
}
