package org.commonweal.coverage;

import java.time.LocalDate;

/** One question of a batch: is the member with this plan member id covered on this date? */
public record EligibilityInquiry(String memberId, LocalDate date) {
}
