package org.commonweal.quality.results;

import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationDispense;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

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

    /** The day a resource's event happened (as written, in its own time zone), or null when it has none. */
    static LocalDate when(Resource r) {
        BaseDateTimeType date = switch (r) {
            case Encounter e -> e.hasPeriod() ? e.getPeriod().getStartElement() : null;
            case Procedure p -> p.hasPerformed() ? start(p.getPerformed()) : null;
            case Condition c -> c.hasOnset() ? start(c.getOnset()) : c.getRecordedDateElement();
            case Observation o -> o.hasEffective() ? start(o.getEffective()) : o.getIssuedElement();
            case Immunization i -> i.hasOccurrenceDateTimeType() ? i.getOccurrenceDateTimeType() : null;
            case MedicationRequest m -> m.getAuthoredOnElement();
            case MedicationDispense m ->
                m.hasWhenHandedOver() ? m.getWhenHandedOverElement() : m.getWhenPreparedElement();
            case DiagnosticReport d -> d.hasEffective() ? start(d.getEffective()) : d.getIssuedElement();
            case ServiceRequest s -> s.getAuthoredOnElement();
            case DeviceRequest d -> d.getAuthoredOnElement();
            case AllergyIntolerance a -> a.hasOnset() ? start(a.getOnset()) : a.getRecordedDateElement();
            default -> null;
        };
        if (date == null || date.getValue() == null) return null;
        return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
    }

    private static BaseDateTimeType start(Type value) {
        return switch (value) {
            case BaseDateTimeType d -> d;
            case org.hl7.fhir.r4.model.Period p -> p.hasStart() ? p.getStartElement() : p.getEndElement();
            default -> null;
        };
    }
}
