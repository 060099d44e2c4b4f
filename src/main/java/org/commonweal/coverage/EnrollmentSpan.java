package org.commonweal.coverage;

import java.time.LocalDate;
import java.util.List;

/**
 * A period of enrollment in one plan of a product line; {@code end} null means open-ended.
 *
 * @param status {@code active}, {@code terminated} or {@code suspended}
 */
public record EnrollmentSpan(
        long id,
        String memberId,
        String productLine,
        String planCode,
        List<String> aidCodes,
        LocalDate begin,
        LocalDate end,
        String status,
        String pcpNpi,
        String pcpName,
        String pcpLocation) {

    /** Whether the span covers {@code date}. */
    public boolean covers(LocalDate date) {
        return !"suspended".equals(status) && !begin.isAfter(date) && (end == null || !end.isBefore(date));
    }
}
