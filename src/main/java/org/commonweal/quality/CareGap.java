package org.commonweal.quality;

import java.time.LocalDate;

/**
 * A measure a member is due for: in the measure's denominator, not excluded, not yet met, as of the latest run.
 *
 * @param measureTitle the measure's published title (e.g. "Colorectal Cancer Screening")
 * @param dueBy        the end of the measurement period: met by then, the gap closes for the year
 */
public record CareGap(String memberId, String measureId, String measureTitle, LocalDate dueBy, long runId) {}
