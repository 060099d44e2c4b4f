package org.commonweal.quality;

import java.time.LocalDate;

/**
 * An open care gap told in words: what the member is due for, why (in the reader's language) and by when.
 *
 * @param reason the reason in words, e.g. "No mammogram since October 2024"
 * @param dueBy  the date the gap must be closed by to count in the measurement period (its end, or the day the
 *               measure's age limit makes it due, e.g. the second birthday for childhood immunizations)
 */
public record DueCare(
        String memberId, String measureId, String measureTitle, String reason, LocalDate dueBy, long runId) {}
