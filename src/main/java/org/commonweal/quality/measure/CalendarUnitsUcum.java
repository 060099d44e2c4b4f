package org.commonweal.quality.measure;

import java.util.Map;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * UCUM conversion that also reads CQL's calendar duration words ({@code days}, {@code weeks}, …). The eCQMs convert
 * FHIR durations such as {@code expectedSupplyDuration} ({@code 90 'days'}, as the published test cases send them)
 * with {@code convert … to days}; CQL 1.5 (§ 5.6.1) treats day and below as equal to the UCUM definite durations, but
 * the engine hands the words to UCUM unchanged, which refuses them and the conversion silently turns null.
 */
final class CalendarUnitsUcum extends UcumEssenceService {

    private static final Map<String, String> CALENDAR = Map.ofEntries(
            Map.entry("week", "wk"), Map.entry("weeks", "wk"),
            Map.entry("day", "d"), Map.entry("days", "d"),
            Map.entry("hour", "h"), Map.entry("hours", "h"),
            Map.entry("minute", "min"), Map.entry("minutes", "min"),
            Map.entry("second", "s"), Map.entry("seconds", "s"),
            Map.entry("millisecond", "ms"), Map.entry("milliseconds", "ms"));

    CalendarUnitsUcum() throws UcumException {
        super(UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml"));
    }

    @Override
    public Decimal convert(Decimal value, String sourceUnit, String destUnit) throws UcumException {
        return super.convert(value, ucum(sourceUnit), ucum(destUnit));
    }

    private static String ucum(String unit) {
        return unit == null ? null : CALENDAR.getOrDefault(unit, unit);
    }
}
