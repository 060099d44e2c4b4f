package org.commonweal.quality.engine;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;

/**
 * A member's clinical FHIR R4 resources (as the Bulk NDJSON and Bundle imports store them, or a published test case)
 * into our engine's record, keeping what the measures' Status and QICoreCommon functions keep:
 * <ul>
 *   <li>Encounter with status {@code finished} ({@code isEncounterPerformed}): its {@code type} codings, its period,
 *       and whether it was a discharge to hospice care;
 *   <li>Procedure with status {@code completed}: its code and {@code performed.toInterval()};
 *   <li>Condition that is {@code verified()} (no verification status, or confirmed, unconfirmed, provisional,
 *       differential): its code and {@code prevalenceInterval()} (an active, recurrent or relapsed condition without
 *       abatement is open-ended; any other without abatement has an end CQL cannot place);
 *   <li>Observation with status final, amended or corrected: its codes, {@code effective.toInterval()}, whether it has
 *       a value, its Quantity value, imaging category, a "Yes" answer, the systolic and diastolic components, and
 *       whether its encounter is an outpatient one (CMS165);
 *   <li>Immunization with status {@code completed} (CMS117): its vaccine codes and occurrence day.
 * </ul>
 * CMS117's Status 1.13.000 keeps more than the other measures' 1.15.000: encounters arrived, triaged, in progress or on
 * leave, conditions of any verification status, orders of any order intent. Those are kept with a flag
 * ({@link MemberRecord#NOT_FINISHED}, {@link MemberRecord#UNVERIFIED}, {@link MemberRecord#INTENT_NOT_ORDER}) that
 * the engine skips for every other measure.
 * Dates with a time are taken on their UTC day and flagged {@link MemberRecord#PRECISE}: the period's millisecond
 * bounds then compare definitely. Resources of other types and codes in no value set are not kept.
 */
public final class FhirRecords {

    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String SYSTOLIC = "8480-6";
    static final String DIASTOLIC = "8462-4";
    static final Set<String> HOSPICE_DISCHARGE = Set.of("428361000124107", "428371000124100");
    static final Set<String> INPATIENT_CLASSES = Set.of("EMER", "IMP", "ACUTE", "NONAC", "PRENC", "SS");
    static final Set<String> VERIFIED = Set.of("confirmed", "unconfirmed", "provisional", "differential");
    static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
    static final Set<String> RESULT = Set.of("final", "amended", "corrected");
    static final Set<String> ORDERED = Set.of("active", "completed");
    /** CMS117's Status 1.13.000 {@code isEncounterPerformed} (the other measures' 1.15.000: finished only). */
    static final Set<String> PERFORMED_1_13 = Set.of("finished", "arrived", "triaged", "in-progress", "onleave");

    static final Set<String> ORDER_INTENTS =
            Set.of("order", "original-order", "reflex-order", "filler-order", "instance-order");

    private FhirRecords() {}

    /** Adds the resources to the record (the Patient's birth date and sex are the record's own). */
    public static void add(MemberRecord record, List<? extends Resource> resources) {
        Map<String, Encounter> encounters = new HashMap<>();
        for (var resource : resources) {
            if (resource instanceof Encounter e) encounters.put(e.getIdElement().getIdPart(), e);
        }
        for (var resource : resources) {
            record.dated = MonthMasks.dated(resource);
            switch (resource) {
                case Encounter e -> encounter(record, e);
                case Procedure p -> procedure(record, p);
                case Condition c -> condition(record, c);
                case Observation o -> observation(record, o, encounters);
                case DeviceRequest d -> {
                    if (ORDERED.contains(String.valueOf(
                                    d.getStatus() == null ? null : d.getStatus().toCode()))
                            && d.getIntent() != null
                            && ORDER_INTENTS.contains(d.getIntent().toCode())
                            && d.getCode() instanceof CodeableConcept code) {
                        order(
                                record,
                                code,
                                d.getAuthoredOnElement(),
                                MemberRecord.DEVICE_ORDER | intent(d.getIntent()));
                    }
                }
                case ServiceRequest r -> {
                    if (ORDERED.contains(String.valueOf(
                                    r.getStatus() == null ? null : r.getStatus().toCode()))
                            && r.getIntent() != null
                            && ORDER_INTENTS.contains(r.getIntent().toCode())) {
                        order(
                                record,
                                r.getCode(),
                                r.getAuthoredOnElement(),
                                MemberRecord.SERVICE_ORDER | intent(r.getIntent()));
                    }
                }
                case MedicationRequest m -> medication(record, m, resources);
                case Immunization i -> immunization(record, i);
                default -> {}
            }
        }
        record.dated = MemberRecord.UNDATED;
        Cms153.add(record, resources); // CMS153
    }

    private static void encounter(MemberRecord record, Encounter e) {
        if (e.getStatus() == null || !PERFORMED_1_13.contains(e.getStatus().toCode())) return;
        var codes = codes(record.terminology(), e.getType());
        if (codes.length == 0) return;
        var period = e.getPeriod();
        int flags = precise(period.getStartElement()) || precise(period.getEndElement()) ? MemberRecord.PRECISE : 0;
        if (e.getStatus() != Encounter.EncounterStatus.FINISHED) flags |= MemberRecord.NOT_FINISHED;
        if (e.hasHospitalization()) {
            for (var c : e.getHospitalization().getDischargeDisposition().getCoding()) {
                if (SNOMED.equals(c.getSystem()) && HOSPICE_DISCHARGE.contains(c.getCode())) {
                    flags |= MemberRecord.HOSPICE_DISCHARGE;
                }
            }
        }
        int from = period.hasStart() ? day(period.getStartElement()) : Integer.MIN_VALUE;
        int to = period.hasEnd() ? day(period.getEndElement()) : MemberRecord.OPEN_END;
        record.addEncounter(from, to, codes, flags);
    }

    private static void procedure(MemberRecord record, Procedure p) {
        if (p.getStatus() != Procedure.ProcedureStatus.COMPLETED) return;
        int[] interval = interval(p.getPerformed());
        if (interval == null) return;
        for (int code : codes(record.terminology(), List.of(p.getCode()))) {
            record.addProcedure(interval[0], interval[1], code, interval[2]);
        }
    }

    private static void condition(MemberRecord record, Condition c) {
        int[] onset = interval(c.getOnset());
        if (onset == null) return; // start of a null interval: null, no test holds
        int end;
        int flags = onset[2];
        // kept for CMS117 (Hospice 6.15.000 and its own retrieves apply no verified()); the others skip it
        if (c.hasVerificationStatus() && !hasCode(c.getVerificationStatus(), VERIFIED))
            flags |= MemberRecord.UNVERIFIED;
        if (c.getAbatement() instanceof DateTimeType abatement && abatement.getValue() != null) {
            end = day(abatement);
            if (precise(abatement)) flags |= MemberRecord.PRECISE;
        } else if (c.hasAbatement()) {
            return; // an abatement age or range: not in any test case or import; refused rather than guessed
        } else {
            end = hasCode(c.getClinicalStatus(), ACTIVE) ? MemberRecord.OPEN_END : MemberRecord.UNKNOWN_END;
        }
        for (var site : c.getBodySite()) {
            for (var coding : site.getCoding()) {
                if (SNOMED.equals(coding.getSystem()) && "24028007".equals(coding.getCode()))
                    flags |= MemberRecord.RIGHT;
                if (SNOMED.equals(coding.getSystem()) && "7771000".equals(coding.getCode())) flags |= MemberRecord.LEFT;
            }
        }
        for (int code : codes(record.terminology(), List.of(c.getCode()))) {
            record.addDiagnosis(onset[0], end, code, flags);
        }
    }

    private static void observation(MemberRecord record, Observation o, Map<String, Encounter> encounters) {
        if (o.getStatus() == null) return;
        var status = o.getStatus().toCode();
        if (!RESULT.contains(status) && !"preliminary".equals(status)) return;
        int[] interval = interval(o.getEffective());
        if (interval == null) return;
        var codes = codes(record.terminology(), List.of(o.getCode()));
        int flags = interval[2] | (RESULT.contains(status) ? MemberRecord.RESULT : 0);
        int[] valueCodes = NO_CODES;
        if (o.hasValue()) flags |= MemberRecord.HAS_VALUE;
        if (o.getValue() instanceof CodeableConcept answer) {
            for (var c : answer.getCoding()) {
                if (SNOMED.equals(c.getSystem()) && "373066001".equals(c.getCode())) flags |= MemberRecord.VALUE_YES;
                if (SNOMED.equals(c.getSystem()) && "160734000".equals(c.getCode())) {
                    flags |= MemberRecord.VALUE_NURSING_HOME;
                }
            }
            valueCodes = codes(record.terminology(), List.of(answer));
        }
        for (var category : o.getCategory()) {
            for (var c : category.getCoding()) {
                if ("imaging".equals(c.getCode())
                        && "http://terminology.hl7.org/CodeSystem/observation-category".equals(c.getSystem())) {
                    flags |= MemberRecord.IMAGING;
                }
            }
        }
        var reference = o.getEncounter().getReferenceElement().getIdPart();
        var encounter = reference == null ? null : encounters.get(reference);
        if (encounter != null
                && encounter.getClass_().getCode() != null
                && !INPATIENT_CLASSES.contains(encounter.getClass_().getCode())) {
            flags |= MemberRecord.OUTPATIENT_ENCOUNTER;
        }
        boolean outpatient = (flags & MemberRecord.OUTPATIENT_ENCOUNTER) != 0;
        double quantity = o.getValue() instanceof Quantity q && q.hasValue()
                ? q.getValue().doubleValue()
                : Double.NaN;
        double systolic = component(o, SYSTOLIC);
        double diastolic = component(o, DIASTOLIC);
        boolean bp = !Double.isNaN(systolic) || !Double.isNaN(diastolic);
        // an observation is kept when a value set holds its code or it can be a blood pressure reading: CMS165 reads
        // every observation as one ([USCoreBloodPressureProfile] is not narrowed by profile)
        record.addObservation(
                codes.length == 0 && !bp ? NO_CODES : codes,
                valueCodes,
                interval[0],
                interval[1],
                flags,
                quantity,
                systolic,
                diastolic);
        if (outpatient) record.observationEncounter(MonthMasks.dated(encounter));
    }

    private static final int[] NO_CODES = new int[0];

    /** CMS117's Status 1.13.000: the service and device orders of its Hospice library need intent {@code order}. */
    private static int intent(Enum<?> intent) {
        return "ORDER".equals(intent.name()) ? 0 : MemberRecord.INTENT_NOT_ORDER;
    }

    /**
     * CMS117: an Immunization with status completed ({@code isImmunizationAdministered}), its vaccine codes and
     * {@code occurrence.earliest()} (a dateTime occurrence; a string occurrence has no date).
     */
    private static void immunization(MemberRecord record, Immunization i) {
        if (i.getStatus() != Immunization.ImmunizationStatus.COMPLETED) return;
        if (!(i.getOccurrence() instanceof DateTimeType occurrence) || occurrence.getValue() == null) return;
        var codes = codes(record.terminology(), List.of(i.getVaccineCode()));
        if (codes.length == 0) return;
        record.addImmunization(codes, day(occurrence), precise(occurrence) ? MemberRecord.PRECISE : 0);
    }

    /** A device or service order on its authoredOn day. */
    private static void order(MemberRecord record, CodeableConcept code, DateTimeType authoredOn, int kind) {
        if (authoredOn.getValue() == null) return;
        var codes = codes(record.terminology(), List.of(code));
        if (codes.length == 0) return;
        int day = day(authoredOn);
        record.addOrder(codes, day, day, kind | (precise(authoredOn) ? MemberRecord.PRECISE : 0));
    }

    /**
     * An active medication order over CumulativeMedicationDuration's {@code medicationRequestPeriod()}: from the
     * dosage bounds' start, else authoredOn, else the validity period's start, for the days supplied (expected supply
     * duration, else quantity over dose times doses per day) times one plus the refills, else to the bounds' end.
     */
    private static void medication(MemberRecord record, MedicationRequest m, List<? extends Resource> resources) {
        if (m.getStatus() == null || !"active".equals(m.getStatus().toCode())) return;
        if (m.getIntent() == null || !ORDER_INTENTS.contains(m.getIntent().toCode())) return;
        var code = medicationCode(m, resources);
        if (code == null) return;
        var codes = codes(record.terminology(), List.of(code));
        if (codes.length == 0) return;
        int[] period = requestPeriod(m);
        if (period == null) return; // no period: null, and null overlaps nothing
        record.addOrder(codes, period[0], period[1], MemberRecord.MEDICATION_ORDER);
    }

    /** The medication's code: its CodeableConcept, or the code of the Medication it references among the resources. */
    static CodeableConcept medicationCode(MedicationRequest m, List<? extends Resource> resources) {
        CodeableConcept code = null;
        if (m.getMedication() instanceof CodeableConcept concept) {
            code = concept;
        } else if (m.getMedication() instanceof Reference reference) {
            var id = reference.getReferenceElement().getIdPart();
            for (var r : resources) {
                if (r instanceof Medication medication
                        && medication.getIdElement().getIdPart().equals(id)) {
                    code = medication.getCode();
                }
            }
        }
        return code;
    }

    /** CumulativeMedicationDuration's {@code medicationRequestPeriod()} as {start, end} epoch days, or null. */
    static int[] requestPeriod(MedicationRequest m) {
        var dosage = m.getDosageInstruction().size() == 1 ? m.getDosageInstructionFirstRep() : null;
        var repeat = dosage != null && dosage.getTiming().hasRepeat()
                ? dosage.getTiming().getRepeat()
                : null;
        Period bounds = repeat != null && repeat.getBounds() instanceof Period p ? p : null;
        Integer start = null;
        if (bounds != null && bounds.hasStart()) start = day(bounds.getStartElement());
        else if (m.hasAuthoredOn()) start = day(m.getAuthoredOnElement());
        else if (m.getDispenseRequest().getValidityPeriod().hasStart()) {
            start = day(m.getDispenseRequest().getValidityPeriod().getStartElement());
        }
        if (start == null) return null;
        var dispense = m.getDispenseRequest();
        int refills = dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : 0;
        Double days = null;
        if (dispense.hasExpectedSupplyDuration()
                && dispense.getExpectedSupplyDuration().hasValue()) {
            days = toDays(dispense.getExpectedSupplyDuration());
        } else if (dispense.hasQuantity() && dispense.getQuantity().hasValue() && dosage != null) {
            var doseAndRate = dosage.getDoseAndRate().size() == 1 ? dosage.getDoseAndRateFirstRep() : null;
            Double dose = null;
            if (doseAndRate != null && doseAndRate.getDose() instanceof Quantity q && q.hasValue()) {
                dose = q.getValue().doubleValue();
            } else if (doseAndRate != null
                    && doseAndRate.getDose() instanceof org.hl7.fhir.r4.model.Range range
                    && range.getHigh().hasValue()) {
                dose = range.getHigh().getValue().doubleValue();
            }
            double perDay = dosesPerDay(repeat);
            // a quantity over no doses a day is a division by zero: null in CQL, so no days supplied
            if (dose != null && dose > 0 && perDay > 0)
                days = dispense.getQuantity().getValue().doubleValue() / (dose * perDay);
        }
        if (days != null) return new int[] {start, start + (int) Math.floor(days * (1 + refills) - 1)};
        if (bounds != null && bounds.hasEnd()) return new int[] {start, day(bounds.getEndElement())};
        return null;
    }

    private static Double toDays(org.hl7.fhir.r4.model.Duration duration) {
        double value = duration.getValue().doubleValue();
        var unit = duration.hasCode() ? duration.getCode() : duration.getUnit();
        return switch (unit == null ? "" : unit) {
            case "d", "day", "days" -> value;
            case "wk", "week", "weeks" -> value * 7;
            case "mo", "month", "months" -> value * 30;
            case "a", "year", "years" -> value * 365;
            case "h", "hour", "hours" -> value / 24;
            default -> null;
        };
    }

    /**
     * CumulativeMedicationDuration's {@code Coalesce(ToDaily(frequency, period), Count(timing.repeat.timeOfDay),
     * 1.0)}: ToDaily (0 for a frequency of 0), else the number of times of day, which is 0 when there are none (Count
     * of an empty or null list is 0, never null), so the 1.0 is never reached (checked against the reference engine,
     * {@code FhirRecordsEdgeTests}).
     */
    static double dosesPerDay(org.hl7.fhir.r4.model.Timing.TimingRepeatComponent repeat) {
        if (repeat == null) return 0;
        Integer frequency = repeat.hasFrequencyMax()
                ? Integer.valueOf(repeat.getFrequencyMax())
                : repeat.hasFrequency() ? Integer.valueOf(repeat.getFrequency()) : null;
        if (frequency != null && repeat.hasPeriod() && repeat.getPeriodUnit() != null) {
            double period = repeat.getPeriod().doubleValue();
            double perDay = switch (repeat.getPeriodUnit().toCode()) {
                case "h" -> frequency * (24.0 / period);
                case "min" -> frequency * (24.0 / period) * 60;
                case "s" -> frequency * (24.0 / period) * 60 * 60;
                case "d" -> frequency * (24.0 / period) / 24;
                case "wk" -> frequency * (24.0 / period) / (24 * 7);
                case "mo" -> frequency * (24.0 / period) / (24 * 30);
                case "a" -> frequency * (24.0 / period) / (24 * 365);
                default -> Double.NaN;
            };
            if (!Double.isNaN(perDay)) return perDay;
        }
        return repeat.getTimeOfDay().size();
    }

    /** {@code singleton from (components coded LOINC code) return value as Quantity}; NaN for none or not one. */
    private static double component(Observation o, String loinc) {
        double found = Double.NaN;
        int count = 0;
        for (var component : o.getComponent()) {
            for (var c : component.getCode().getCoding()) {
                if (LOINC.equals(c.getSystem()) && loinc.equals(c.getCode())) {
                    count++;
                    found = component.getValue() instanceof Quantity q && q.hasValue()
                            ? q.getValue().doubleValue()
                            : Double.NaN;
                    break;
                }
            }
        }
        return count == 1 ? found : Double.NaN;
    }

    /**
     * {@code toInterval()} of a dateTime (a point) or Period (an absent end: unbounded) as {start, end, flags};
     * null for no value.
     */
    static int[] interval(Type value) {
        if (value instanceof DateTimeType dt && dt.getValue() != null) {
            int d = day(dt);
            return new int[] {d, d, precise(dt) ? MemberRecord.PRECISE : 0};
        }
        if (value instanceof Period p && (p.hasStart() || p.hasEnd())) {
            int flags = precise(p.getStartElement()) || precise(p.getEndElement()) ? MemberRecord.PRECISE : 0;
            int from = p.hasStart() ? day(p.getStartElement()) : Integer.MIN_VALUE;
            int to = p.hasEnd() ? day(p.getEndElement()) : MemberRecord.OPEN_END;
            return new int[] {from, to, flags};
        }
        return null;
    }

    static boolean precise(BaseDateTimeType value) {
        return value != null
                && value.getValue() != null
                && value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
    }

    /**
     * The day of a FHIR date or dateTime: a date alone is its own day, a time is taken on its day in its own offset
     * (2026-12-31T23:30:00-08:00 is 31 December), as CQL's {@code date from} and the reference engine's day-precision
     * comparisons ("during day of") take it ({@code FhirRecordsEdgeTests}).
     */
    static int day(BaseDateTimeType value) {
        if (!precise(value)) {
            var precision = value.getPrecision();
            return (int) LocalDate.of(
                            value.getYear(),
                            precision == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1,
                            precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1)
                    .toEpochDay();
        }
        var zone = value.getTimeZone();
        var instant = value.getValue().toInstant();
        return (int) instant.atOffset(
                        zone == null
                                ? ZoneOffset.UTC
                                : zone.toZoneId().getRules().getOffset(instant))
                .toLocalDate()
                .toEpochDay();
    }

    static int[] codes(Terminology terminology, List<CodeableConcept> concepts) {
        int[] ids = new int[4];
        int n = 0;
        for (var concept : concepts) {
            for (Coding c : concept.getCoding()) {
                int id = terminology.coding(c.getSystem(), c.getCode());
                if (id < 0) continue;
                if (n == ids.length) ids = Arrays.copyOf(ids, n * 2);
                ids[n++] = id;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    static boolean hasCode(CodeableConcept concept, Set<String> codes) {
        for (var c : concept.getCoding()) if (codes.contains(c.getCode())) return true;
        return false;
    }

    /** The Patient's birth date (its own calendar day) or null. */
    public static LocalDate birthDate(org.hl7.fhir.r4.model.Patient patient) {
        return patient.hasBirthDate() ? LocalDate.ofEpochDay(day(patient.getBirthDateElement())) : null;
    }

    /** The Patient's sex as coverage spells it (F, M) from the US Core sex extension, else null. */
    public static String sex(org.hl7.fhir.r4.model.Patient patient) {
        var extension = patient.getExtensionByUrl("http://hl7.org/fhir/us/core/StructureDefinition/us-core-sex");
        if (extension == null || extension.getValue() == null) return null;
        return switch (extension.getValue().primitiveValue()) {
            case "248152002" -> "F";
            case "248153007" -> "M";
            default -> null;
        };
    }
}
