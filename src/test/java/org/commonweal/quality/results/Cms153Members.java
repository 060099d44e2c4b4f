package org.commonweal.quality.results;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.commonweal.coverage.MemberSummary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Members for CMS153 (Chlamydia Screening in Women) on the measure's edges, for the differential test: women (and a
 * few men) aged 15–25 on the period's last day, with claims (a qualifying visit, diagnoses and procedures that show
 * sexual activity, hospice) and clinical FHIR resources made from the measure's own value sets (every code system, not
 * only the claims'): chlamydia tests, pregnancy tests followed 0–8 days later by an x-ray or isotretinoin order,
 * contraceptive orders with and without a supply, the sexual activity assessment, conditions, procedures, encounters
 * and hospice in every form the Hospice library reads. Statuses, intents, categories and values vary, and dates fall
 * on and next to the period's first and last days, with and without a time.
 */
final class Cms153Members {

    private static final String SUBJECT = "Patient/";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final String SNOMED = "http://snomed.info/sct";
    private static final String LOINC = "http://loinc.org";

    private final Map<String, List<Coding>> byTitle;
    private final Map<String, List<String>> claimLines;
    private final Map<String, List<String>> claimDiagnoses;
    private final LocalDate start;
    private final LocalDate end;

    private Cms153Members(Path content, LocalDate start, LocalDate end) {
        this.start = start;
        this.end = end;
        byTitle = new TreeMap<>();
        claimLines = new TreeMap<>();
        claimDiagnoses = new TreeMap<>();
        var parser = FhirContext.forR4Cached().newJsonParser();
        try (Stream<Path> files = Files.list(content.resolve("CMS153").resolve("valuesets"))) {
            for (var file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                var vs = parser.parseResource(ValueSet.class, Files.readString(file));
                var codings = new ArrayList<Coding>();
                var lines = new ArrayList<String>();
                var dx = new ArrayList<String>();
                for (var c : vs.getExpansion().getContains()) {
                    codings.add(new Coding(c.getSystem(), c.getCode(), null));
                    switch (c.getSystem()) {
                        case ClaimResources.CPT, ClaimResources.HCPCS, ClaimResources.HCPCS_CMS ->
                            lines.add(c.getCode());
                        case ClaimResources.ICD10_CM -> dx.add(c.getCode().replace(".", ""));
                        default -> {}
                    }
                }
                byTitle.put(vs.getTitle(), codings);
                if (!lines.isEmpty()) claimLines.put(vs.getTitle(), lines);
                if (!dx.isEmpty()) claimDiagnoses.put(vs.getTitle(), dx);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String[] VISITS = {
        "Office Visit",
        "Preventive Care Services Established Office Visit, 18 and Up",
        "Preventive Care Services Initial Office Visit, 18 and Up",
        "Preventive Care Services, Initial Office Visit, 0 to 17",
        "Preventive Care, Established Office Visit, 0 to 17",
        "Home Healthcare Services",
        "Telephone Visits",
        "Virtual Encounter"
    };

    static final int[] AGES = {15, 16, 16, 17, 19, 20, 20, 21, 21, 23, 24, 24, 25};

    /** {@code count} members numbered from {@code first}. */
    static List<OwnEngineDifferentialTests.Generated> generate(
            Path content, LocalDate start, LocalDate end, int first, int count, Random random) {
        var members = new Cms153Members(content, start, end);
        var fragments = OwnEngineDifferentialTests.fragments("CMS153");
        var out = new ArrayList<OwnEngineDifferentialTests.Generated>();
        for (int i = 0; i < count; i++) {
            var member = members.member(first + i, random);
            if (random.nextInt(3) == 0) {
                // and one of CMS153's published cases, moved to the member and shifted into (and across) the period
                var fragment = fragments.get(random.nextInt(fragments.size()));
                var moved = OwnEngineDifferentialTests.withClinical(member, fragment, random);
                var resources = new ArrayList<Resource>(member.clinical());
                resources.addAll(moved.clinical());
                member = new OwnEngineDifferentialTests.Generated(
                        member.summary(), member.claims(), resources, moved.source() + "; " + member.source());
            }
            out.add(member);
        }
        return out;
    }

    private OwnEngineDifferentialTests.Generated member(int n, Random random) {
        var id = "C%05d".formatted(n);
        var born = end.minusYears(AGES[random.nextInt(AGES.length)]).plusDays(random.nextInt(3) - 1);
        var sex = random.nextInt(12) == 0 ? "M" : random.nextInt(20) == 0 ? null : "F";
        var summary =
                new MemberSummary(id, null, null, "Test", "Member", born, sex, null, null, null, null, null, null);
        var claims = new ArrayList<ClaimResources.StoredClaim>();
        if (random.nextInt(3) > 0) claims.add(claim(id, claims.size(), random, pick(random, VISITS), null));
        if (random.nextInt(4) == 0) {
            var title = pick(random, List.copyOf(claimDiagnoses.keySet()).toArray(String[]::new));
            claims.add(claim(id, claims.size(), random, "Office Visit", title));
        }
        if (random.nextInt(5) == 0) {
            var title =
                    random.nextInt(4) == 0 ? "Hospice Care Ambulatory" : "Procedures Used to Indicate Sexual Activity";
            claims.add(claim(id, claims.size(), random, title, null));
        }
        if (random.nextInt(15) == 0) claims.add(claim(id, claims.size(), random, "Hospice Encounter", null));
        var subject = new Reference(SUBJECT + id);
        var resources = new ArrayList<Resource>();
        int count = random.nextInt(6);
        for (int r = 0; r < count; r++) resources.addAll(resource(id + "-" + r, subject, random));
        if (random.nextBoolean()) resources.add(chlamydiaTest(id + "-t", subject, random));
        return new OwnEngineDifferentialTests.Generated(
                summary, claims, resources, "CMS153 generated " + describe(resources));
    }

    private static String describe(List<Resource> resources) {
        var parser = FhirContext.forR4Cached().newJsonParser();
        var out = new StringBuilder();
        for (var r : resources) out.append(parser.encodeResourceToString(r)).append(' ');
        return out.toString();
    }

    private ClaimResources.StoredClaim claim(String id, int c, Random random, String lineTitle, String dxTitle) {
        var day = day(random);
        var codes = claimLines.get(lineTitle);
        var line = new ClaimResources.StoredLine(
                1, day, random.nextInt(3) == 0 ? null : day, codes.get(random.nextInt(codes.size())));
        var dx = dxTitle == null ? List.<String>of() : List.of(pickCode(random, claimDiagnoses.get(dxTitle)));
        return new ClaimResources.StoredClaim(id + "-" + c, 'P', day, day, dx, List.of(), List.of(line));
    }

    /** One resource (or a pregnancy test with the x-ray or isotretinoin order after it). */
    private List<Resource> resource(String id, Reference subject, Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> List.of(encounter(id, subject, random));
            case 1, 2 -> List.of(observation(id, subject, random));
            case 3 -> List.of(serviceRequest(id, subject, random, pick(random, ORDERS), day(random)));
            case 4 -> pregnancyTestAndAfter(id, subject, random);
            case 5 -> List.of(medication(id, subject, random, "Contraceptive Medications", day(random)));
            case 6 -> List.of(condition(id, subject, random));
            case 7 -> List.of(procedure(id, subject, random));
            default -> List.of(hospiceDischarge(id, subject, random));
        };
    }

    static final String[] ORDERS = {
        "Pregnancy Test",
        "Pap Test",
        "Lab Tests During Pregnancy",
        "Lab Tests for Sexually Transmitted Infections",
        "Diagnostic Studies During Pregnancy",
        "Hospice Care Ambulatory",
        "XRay Study"
    };

    private List<Resource> pregnancyTestAndAfter(String id, Reference subject, Random random) {
        var day = day(random);
        var test = serviceRequest(id + "p", subject, random, "Pregnancy Test", day);
        var after = day.plusDays(random.nextInt(10) - 1);
        Resource next = random.nextBoolean()
                ? serviceRequest(id + "x", subject, random, "XRay Study", after)
                : medication(id + "i", subject, random, "Isotretinoin", after);
        return List.of(test, next);
    }

    private Encounter encounter(String id, Reference subject, Random random) {
        var e = new Encounter();
        e.setId(id);
        e.setSubject(subject);
        e.setStatus(pick(random, new Encounter.EncounterStatus[] {
            Encounter.EncounterStatus.FINISHED,
            Encounter.EncounterStatus.FINISHED,
            Encounter.EncounterStatus.INPROGRESS,
            Encounter.EncounterStatus.ARRIVED,
            Encounter.EncounterStatus.CANCELLED,
            Encounter.EncounterStatus.PLANNED
        }));
        var title = random.nextInt(5) == 0 ? "Hospice Encounter" : pick(random, VISITS);
        e.addType(new CodeableConcept(code(random, title)));
        e.setPeriod(period(random));
        return e;
    }

    private Encounter hospiceDischarge(String id, Reference subject, Random random) {
        var e = encounter(id, subject, random);
        e.getType().clear();
        e.addType(new CodeableConcept(code(random, "Encounter Inpatient")));
        e.getHospitalization()
                .setDischargeDisposition(new CodeableConcept(
                        new Coding(SNOMED, random.nextInt(3) == 0 ? "306689006" : "428361000124107", null)));
        return e;
    }

    private Observation observation(String id, Reference subject, Random random) {
        var o = new Observation();
        o.setId(id);
        o.setSubject(subject);
        o.setStatus(pick(random, new Observation.ObservationStatus[] {
            Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.AMENDED,
            Observation.ObservationStatus.PRELIMINARY,
            Observation.ObservationStatus.CANCELLED
        }));
        switch (random.nextInt(3)) {
            case 0 -> o.setCode(new CodeableConcept(new Coding(LOINC, "64728-9", null)));
            case 1 -> o.setCode(new CodeableConcept(new Coding(LOINC, "45755-6", null)));
            default -> o.setCode(new CodeableConcept(code(random, "Chlamydia Screening")));
        }
        switch (random.nextInt(4)) {
            case 0 -> o.addCategory(new CodeableConcept(new Coding(CATEGORY, "laboratory", null)));
            case 1 -> o.addCategory(new CodeableConcept(new Coding(CATEGORY, "survey", null)));
            case 2 -> {}
            default -> o.addCategory(new CodeableConcept(new Coding(CATEGORY, "exam", null)));
        }
        switch (random.nextInt(4)) {
            case 0 -> o.setValue(new IntegerType(1));
            case 1 -> o.setValue(new CodeableConcept(new Coding(SNOMED, "373066001", null)));
            case 2 -> o.setValue(new CodeableConcept(new Coding(SNOMED, "373067005", null)));
            default -> {}
        }
        if (random.nextBoolean()) o.setEffective(dateTime(random, day(random)));
        else o.setEffective(period(random));
        return o;
    }

    /** A chlamydia test as the numerator wants it (final, laboratory, a value), on any day. */
    private Observation chlamydiaTest(String id, Reference subject, Random random) {
        var o = new Observation();
        o.setId(id);
        o.setSubject(subject);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept(code(random, "Chlamydia Screening")));
        o.addCategory(new CodeableConcept(new Coding(CATEGORY, "laboratory", null)));
        if (random.nextInt(5) > 0) o.setValue(new CodeableConcept(new Coding(SNOMED, "260385009", null)));
        o.setEffective(random.nextBoolean() ? dateTime(random, day(random)) : period(random));
        return o;
    }

    private ServiceRequest serviceRequest(String id, Reference subject, Random random, String title, LocalDate day) {
        var s = new ServiceRequest();
        s.setId(id);
        s.setSubject(subject);
        s.setStatus(pick(random, new ServiceRequest.ServiceRequestStatus[] {
            ServiceRequest.ServiceRequestStatus.ACTIVE,
            ServiceRequest.ServiceRequestStatus.COMPLETED,
            ServiceRequest.ServiceRequestStatus.COMPLETED,
            ServiceRequest.ServiceRequestStatus.REVOKED
        }));
        s.setIntent(
                random.nextInt(6) == 0
                        ? ServiceRequest.ServiceRequestIntent.PLAN
                        : ServiceRequest.ServiceRequestIntent.ORDER);
        s.setCode(new CodeableConcept(code(random, title)));
        s.setAuthoredOnElement(dateTime(random, day));
        return s;
    }

    private MedicationRequest medication(String id, Reference subject, Random random, String title, LocalDate day) {
        var m = new MedicationRequest();
        m.setId(id);
        m.setSubject(subject);
        m.setStatus(pick(random, new MedicationRequest.MedicationRequestStatus[] {
            MedicationRequest.MedicationRequestStatus.ACTIVE,
            MedicationRequest.MedicationRequestStatus.ACTIVE,
            MedicationRequest.MedicationRequestStatus.COMPLETED,
            MedicationRequest.MedicationRequestStatus.STOPPED
        }));
        m.setIntent(
                random.nextInt(6) == 0
                        ? MedicationRequest.MedicationRequestIntent.PROPOSAL
                        : MedicationRequest.MedicationRequestIntent.ORDER);
        m.setMedication(new CodeableConcept(code(random, title)));
        m.setAuthoredOnElement(dateTime(random, day));
        var bounds = new Period();
        var from = random.nextInt(3) == 0 ? day(random) : day;
        // the same form at both ends, mostly (a time at the start and a date alone at the end stops the reference
        // engine when both fall on one day)
        var start = dateTime(random, from);
        bounds.setStartElement(start);
        var to = from.plusDays(random.nextInt(40));
        bounds.setEndElement(
                random.nextInt(5) == 0
                        ? dateTime(random, to)
                        : new DateTimeType(start.getValueAsString().replace(from.toString(), to.toString())));
        m.addDosageInstruction().getTiming().getRepeat().setBounds(bounds);
        if (random.nextBoolean()) {
            var supply = new Duration();
            supply.setValue(1 + random.nextInt(90)).setUnit("days").setCode("d").setSystem("http://unitsofmeasure.org");
            m.getDispenseRequest().setExpectedSupplyDuration(supply);
            if (random.nextBoolean()) m.getDispenseRequest().setNumberOfRepeatsAllowed(random.nextInt(3));
        }
        return m;
    }

    private Condition condition(String id, Reference subject, Random random) {
        var c = new Condition();
        c.setId(id);
        c.setSubject(subject);
        var title = pick(random, new String[] {
            "Diagnoses Used to Indicate Sexual Activity",
            "HIV",
            "Complications of Pregnancy, Childbirth and the Puerperium",
            "Hospice Diagnosis"
        });
        c.setCode(new CodeableConcept(code(random, title)));
        switch (random.nextInt(3)) {
            case 0 ->
                c.setClinicalStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
            case 1 ->
                c.setClinicalStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
            default -> {}
        }
        if (random.nextInt(4) == 0) {
            c.setVerificationStatus(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "refuted", null)));
        }
        var onset = day(random);
        int form = random.nextInt(FORMS);
        if (random.nextInt(8) > 0) c.setOnset(dateTime(form, onset));
        if (random.nextBoolean()) c.setAbatement(later(random, form, onset, random.nextInt(3)));
        return c;
    }

    private Procedure procedure(String id, Reference subject, Random random) {
        var p = new Procedure();
        p.setId(id);
        p.setSubject(subject);
        p.setStatus(
                random.nextInt(4) == 0 ? Procedure.ProcedureStatus.INPROGRESS : Procedure.ProcedureStatus.COMPLETED);
        var title = random.nextInt(4) == 0 ? "Hospice Care Ambulatory" : "Procedures Used to Indicate Sexual Activity";
        p.setCode(new CodeableConcept(code(random, title)));
        if (random.nextBoolean()) p.setPerformed(dateTime(random, day(random)));
        else p.setPerformed(period(random));
        return p;
    }

    /** A period on the edges: a start (rarely none), an end the same day, a day or two later, or none. */
    private Period period(Random random) {
        var p = new Period();
        var from = day(random);
        int form = random.nextInt(FORMS);
        if (random.nextInt(10) > 0) p.setStartElement(dateTime(form, from));
        switch (random.nextInt(4)) {
            case 0 -> {}
            case 1 -> p.setEndElement(later(random, form, from, 1 + random.nextInt(2)));
            default -> p.setEndElement(dateTime(form, from));
        }
        if (!p.hasStart() && !p.hasEnd()) p.setEndElement(dateTime(form, from));
        return p;
    }

    /**
     * An end {@code days} after {@code from}: on the same day in the start's form (a date alone after a time on the
     * same day is an interval CQL cannot build, and the reference engine stops for every measure), else in any form.
     */
    private static DateTimeType later(Random random, int form, LocalDate from, int days) {
        return days == 0 ? dateTime(form, from) : dateTime(random, from.plusDays(days));
    }

    /** A day: on or next to the period's first and last days (the CQL's uncertain days), else inside or outside. */
    private LocalDate day(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> start.plusDays(random.nextInt(5) - 2);
            case 1 -> end.plusDays(random.nextInt(5) - 2);
            case 2 -> start.plusDays(random.nextInt(365));
            case 3 -> start.minusDays(1 + random.nextInt(400));
            default -> start.plusDays(30 + random.nextInt(300));
        };
    }

    private static final int FORMS = 3;

    private static DateTimeType dateTime(Random random, LocalDate day) {
        return dateTime(random.nextInt(FORMS), day);
    }

    /** The day as a date alone, or at a time (UTC) early or late in the day. */
    private static DateTimeType dateTime(int form, LocalDate day) {
        return switch (form) {
            case 0 -> new DateTimeType(day.toString());
            case 1 -> new DateTimeType(day + "T00:00:00.000Z");
            default -> new DateTimeType(day + "T15:30:00.000Z");
        };
    }

    private Coding code(Random random, String title) {
        var codes = byTitle.get(title);
        if (codes == null) throw new IllegalStateException("CMS153 has no value set titled " + title);
        return codes.get(random.nextInt(codes.size())).copy();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String pickCode(Random random, List<String> codes) {
        return codes.get(random.nextInt(codes.size()));
    }
}
