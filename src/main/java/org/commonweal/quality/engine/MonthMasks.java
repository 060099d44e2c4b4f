package org.commonweal.quality.engine;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.quality.measure.MeasurePopulations;
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
 * One member's trend by month in a run, by our engine: for each measure the member is eligible in (denominator, not
 * excluded or excepted), a mask whose bit {@code k} says whether the numerator holds with only the data dated up to
 * the {@code k}-th month end of the period ({@link MemberRecord#asOf}: the measure still runs for the whole period,
 * later data is left out). The last bit is the run's own answer.
 *
 * <p>The record as of a month end is the record as of the month end before unless an entry is dated in between
 * ({@link MemberRecord#changes}), and it is the whole record once no entry is dated later: the measures are evaluated
 * only at the month ends after which new data appears, each as-of record built once for all the member's measures.
 */
public final class MonthMasks {

    /** The most month ends a mask holds (an {@code int}'s bits but the sign). */
    public static final int MAX_MONTHS = 31;

    private final EcqmEngine engine;
    private final MemberRecord record;
    private final LocalDate from;
    private final LocalDate to;
    private final int[] ends;
    private final MemberRecord[] asOf;
    private int changes = -1;

    public MonthMasks(EcqmEngine engine, MemberRecord record, LocalDate from, LocalDate to) {
        this.engine = engine;
        this.record = record;
        this.from = from;
        this.to = to;
        this.ends =
                monthEnds(from, to).stream().mapToInt(d -> (int) d.toEpochDay()).toArray();
        this.asOf = new MemberRecord[ends.length];
    }

    /** The month ends of a period: the last day of each month it touches, the period's own end last. */
    public static List<LocalDate> monthEnds(LocalDate from, LocalDate to) {
        var ends = new ArrayList<LocalDate>();
        for (var m = YearMonth.from(from); !m.atEndOfMonth().isAfter(to); m = m.plusMonths(1)) {
            ends.add(m.atEndOfMonth());
        }
        if (ends.isEmpty() || !ends.getLast().equals(to)) ends.add(to);
        return ends;
    }

    /**
     * The member's mask for a measure, given the run's answer for the whole record; null when the member is not
     * eligible in it (or the answer is an error), when the period has more than {@link #MAX_MONTHS} month ends, or
     * when the engine stops at a month end (the member is then left out of the trend, the year-end result stands).
     */
    public Integer mask(String measureId, MeasurePopulations answer) {
        if (answer == null
                || !answer.in("denominator")
                || answer.in("denominator-exclusion")
                || answer.in("denominator-exception")
                || ends.length > MAX_MONTHS) return null;
        try {
            return mask(measureId, answer.in("numerator"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int mask(String measureId, boolean metAtEnd) {
        int n = ends.length;
        int latest = record.latestDated();
        int mask = 0;
        boolean met = false;
        for (int k = 0; k < n; k++) {
            if (k == n - 1 || latest <= ends[k]) {
                met = metAtEnd; // the whole record
            } else if (k == 0 || (changes() & (1 << k)) != 0) {
                met = engine.evaluate(measureId, asOf(k), from, to).in("numerator");
            } // else: no entry dated in the month, the answer of the month before stands
            if (met) mask |= 1 << k;
        }
        return mask;
    }

    private int changes() {
        if (changes == -1) changes = record.changes(ends);
        return changes;
    }

    private MemberRecord asOf(int k) {
        if (asOf[k] == null) asOf[k] = record.asOf(ends[k]);
        return asOf[k];
    }

    /**
     * The day a resource's event happened (as written, in its own time zone) as an epoch day, or
     * {@link MemberRecord#UNDATED} when it has none: the clinical date (when the service happened, the result was
     * taken, the dose given, the prescription written). Resources without one (the Patient, Coverage, an undated
     * Condition) describe the member rather than an event and are kept at every day.
     */
    public static int dated(Resource r) {
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
        if (date == null || date.getValue() == null) return MemberRecord.UNDATED;
        return (int)
                LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()).toEpochDay();
    }

    private static BaseDateTimeType start(Type value) {
        return switch (value) {
            case BaseDateTimeType d -> d;
            case org.hl7.fhir.r4.model.Period p -> p.hasStart() ? p.getStartElement() : p.getEndElement();
            default -> null;
        };
    }
}
