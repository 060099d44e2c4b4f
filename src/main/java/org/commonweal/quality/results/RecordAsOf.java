package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.List;
import org.commonweal.quality.engine.MemberRecord;
import org.commonweal.quality.engine.MonthMasks;
import org.hl7.fhir.r4.model.Resource;

/**
 * A member's record as it stood at the end of a day: the resources whose clinical date (when the service happened,
 * the result was taken, the dose given, the prescription written) is on or before it, in UTC like the measurement
 * period. Resources without such a date (the Patient, Coverage, an undated Condition) are kept: they describe the
 * member rather than an event.
 */
final class RecordAsOf {

    private RecordAsOf() {}

    static List<Resource> asOf(List<Resource> record, LocalDate day) {
        return record.stream()
                .filter(r -> {
                    var when = when(r);
                    return when == null || !when.isAfter(day);
                })
                .toList();
    }

    /**
     * The day a resource's event happened (as written, in its own time zone), or null when it has none: the rule our
     * engine's record applies too ({@link MonthMasks#dated}).
     */
    static LocalDate when(Resource r) {
        int day = MonthMasks.dated(r);
        return day == MemberRecord.UNDATED ? null : LocalDate.ofEpochDay(day);
    }
}
