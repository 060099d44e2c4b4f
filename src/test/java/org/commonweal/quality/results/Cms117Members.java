package org.commonweal.quality.results;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.commonweal.coverage.MemberSummary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Children for the CMS117 differential test, on the measure's edges: born around the years that make them 2 at the
 * period's end (29 February included), a qualifying visit or none (on the period's bounds, as a claim or a FHIR
 * encounter of any status), each antigen's doses as claim lines (CPT administration codes) or FHIR Immunizations (CVX,
 * any status), on days at the windows' edges (41/42 and 179/180 days old, first and second birthday and the days
 * beside them), several on one day; history-of-disease and anaphylaxis conditions (ICD-10-CM on claims, SNOMED CT
 * as FHIR Conditions of any verification status) around birth and the second birthday; the newborn hepatitis B dose
 * (ICD-10-PCS) in the first week or after it; the exclusions and hospice (claims, and a FHIR order of either intent).
 * The codes come from the measure's own value sets and CQL code declarations.
 */
final class Cms117Members {

    static final String CVX = "http://hl7.org/fhir/sid/cvx";
    static final String SNOMED = "http://snomed.info/sct";

    /** One antigen: the vaccine and "Administered" value sets, the doses it needs and its window's start. */
    record Antigen(String vaccine, String administered, int doses, Window window) {}

    enum Window {
        FROM_42_DAYS,
        FROM_BIRTH,
        FROM_FIRST_BIRTHDAY,
        SECOND_BIRTHDAY
    }

    static final List<Antigen> ANTIGENS = List.of(
            new Antigen("DTaP Vaccine", "DTaP Vaccine Administered", 4, Window.FROM_42_DAYS),
            new Antigen(
                    "Inactivated Polio Vaccine (IPV)",
                    "Inactivated Polio Vaccine (IPV) Administered",
                    3,
                    Window.FROM_42_DAYS),
            new Antigen(
                    "Measles, Mumps and Rubella (MMR) Vaccine",
                    "Measles, Mumps and Rubella (MMR) Vaccine Administered",
                    1,
                    Window.FROM_FIRST_BIRTHDAY),
            new Antigen(
                    "Hib Vaccine (3 dose schedule)",
                    "Hib Vaccine (3 dose schedule) Administered",
                    3,
                    Window.FROM_42_DAYS),
            new Antigen(
                    "Hib Vaccine (4 dose schedule)",
                    "Hib Vaccine (4 dose schedule) Administered",
                    4,
                    Window.FROM_42_DAYS),
            new Antigen("Hepatitis B Vaccine", "Hepatitis B Vaccine Administered", 3, Window.FROM_BIRTH),
            new Antigen(
                    "Varicella Zoster Vaccine (VZV)",
                    "Varicella Zoster Vaccine (VZV) Administered",
                    1,
                    Window.FROM_FIRST_BIRTHDAY),
            new Antigen(
                    "Pneumococcal Conjugate Vaccine",
                    "Pneumococcal Conjugate Vaccine Administered",
                    4,
                    Window.FROM_42_DAYS),
            new Antigen("Hepatitis A Vaccine", "Hepatitis A Vaccine Administered", 1, Window.FROM_FIRST_BIRTHDAY),
            new Antigen(
                    "Rotavirus Vaccine (3 dose schedule)",
                    "Rotavirus Vaccine (3 dose schedule) Administered",
                    3,
                    Window.FROM_42_DAYS),
            new Antigen(
                    "rotavirus, live, monovalent vaccine",
                    "Rotavirus Vaccine (2 dose schedule) Administered",
                    2,
                    Window.FROM_42_DAYS),
            new Antigen("Child Influenza Vaccine", "Child Influenza Vaccine Administered", 2, Window.FROM_42_DAYS),
            new Antigen(
                    "Influenza Virus LAIV Vaccine",
                    "Influenza Virus LAIV Vaccine Administered",
                    1,
                    Window.SECOND_BIRTHDAY));

    static final List<String> CONDITIONS = List.of(
            "Measles",
            "Mumps",
            "Rubella",
            "Hepatitis A",
            "Hepatitis B",
            "Varicella Zoster",
            "Anaphylactic Reaction to DTaP Vaccine",
            "Encephalitis Due to Diphtheria, Tetanus or Pertussis Vaccine",
            "Intussusception",
            "HIV",
            "Severe Combined Immunodeficiency",
            "Disorders of the Immune System",
            "Malignant Neoplasm of Lymphatic and Hematopoietic Tissue");

    static final List<String> QUALIFYING = List.of(
            "Office Visit",
            "Home Healthcare Services",
            "Preventive Care, Established Office Visit, 0 to 17",
            "Preventive Care Services, Initial Office Visit, 0 to 17",
            "Virtual Encounter",
            "Telephone Visits");

    private static final Pattern VALUESET = Pattern.compile("^valueset \"([^\"]+)\": '([^']+)'", Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("^code \"([^\"]+)\": '([^']+)' from", Pattern.MULTILINE);

    /** The codes of each CQL name, by code system: CPT/HCPCS lines, ICD-10-CM, CVX, SNOMED CT. */
    record Codes(
            Map<String, List<String>> lines,
            Map<String, List<String>> diagnoses,
            Map<String, List<String>> cvx,
            Map<String, List<String>> snomed,
            List<String> anaphylaxis) {}

    static Codes codes(Path content) {
        var folder = content.resolve("CMS117");
        var parser = FhirContext.forR4Cached().newJsonParser();
        var byUrl = new HashMap<String, List<Coding>>();
        try (Stream<Path> dirs = Files.list(folder)) {
            for (var dir : dirs.filter(d -> d.getFileName().toString().startsWith("valuesets"))
                    .toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (var file :
                            files.filter(f -> f.toString().endsWith(".json")).toList()) {
                        var vs = parser.parseResource(ValueSet.class, Files.readString(file));
                        var list = byUrl.computeIfAbsent(vs.getUrl(), k -> new ArrayList<>());
                        vs.getExpansion()
                                .getContains()
                                .forEach(c -> list.add(new Coding(c.getSystem(), c.getCode(), null)));
                    }
                }
            }
            var cql = new StringBuilder();
            try (Stream<Path> files = Files.list(folder.resolve("libraries"))) {
                for (var file : files.filter(f -> f.toString().endsWith(".cql"))
                        .sorted()
                        .toList()) {
                    cql.append(Files.readString(file)).append('\n');
                }
            }
            var lines = new HashMap<String, List<String>>();
            var diagnoses = new HashMap<String, List<String>>();
            var cvx = new HashMap<String, List<String>>();
            var snomed = new HashMap<String, List<String>>();
            var m = VALUESET.matcher(cql);
            while (m.find()) {
                for (var c : byUrl.getOrDefault(m.group(2), List.of())) {
                    var target = switch (c.getSystem()) {
                        case ClaimResources.CPT, ClaimResources.HCPCS, ClaimResources.HCPCS_CMS -> lines;
                        case ClaimResources.ICD10_CM -> diagnoses;
                        case CVX -> cvx;
                        case SNOMED -> snomed;
                        default -> null;
                    };
                    if (target == null) continue;
                    var code = c.getSystem().equals(ClaimResources.ICD10_CM)
                            ? c.getCode().replace(".", "")
                            : c.getCode();
                    target.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(code);
                }
            }
            var anaphylaxis = new ArrayList<String>();
            m = CODE.matcher(cql);
            while (m.find()) {
                if (m.group(1).startsWith("Anaphylaxis")) anaphylaxis.add(m.group(2));
                if (m.group(1).equals("rotavirus, live, monovalent vaccine")) {
                    cvx.put(m.group(1), List.of(m.group(2)));
                }
            }
            return new Codes(lines, diagnoses, cvx, snomed, anaphylaxis);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static final LocalDate START = OwnEngineDifferentialTests.START;
    static final LocalDate END = OwnEngineDifferentialTests.END;

    /** One generated child with claims and, often, FHIR resources. */
    static OwnEngineDifferentialTests.Generated generate(int n, Random random, Codes codes) {
        LocalDate born = switch (random.nextInt(12)) {
            case 0 -> LocalDate.of(2024, 2, 29);
            case 1 -> END.minusYears(2).plusDays(random.nextInt(3) - 1); // 30 Dec 2024 .. 1 Jan 2025
            case 2 -> START.minusYears(2).plusDays(random.nextInt(3) - 1); // 31 Dec 2023 .. 2 Jan 2024
            default -> START.minusYears(2).plusDays(random.nextInt(366));
        };
        var id = "K%05d".formatted(n);
        var summary = summary(id, born, random.nextBoolean() ? "F" : "M");
        var claims = new ArrayList<ClaimResources.StoredClaim>();
        var clinical = new ArrayList<Resource>();
        var subject = new Reference("Patient/" + id);
        var second = born.plusYears(2);
        // one child in four has claims only (no registry data, no FHIR resources)
        boolean claimsOnly = random.nextInt(4) == 0;
        // the qualifying visit: a claim, a FHIR encounter of some status, or none
        int visit = random.nextInt(10);
        if (visit < 7) {
            var title = QUALIFYING.get(random.nextInt(QUALIFYING.size()));
            var pool = random.nextInt(6) == 0 ? List.of("99211") : codes.lines().get(title);
            claims.add(claim(id, claims.size(), visitDay(random), pool.get(random.nextInt(pool.size())), null, null));
        } else if (visit < 9 && !claimsOnly) {
            var encounter = new Encounter();
            encounter.setId(id + "-enc");
            encounter.setSubject(subject);
            encounter.setStatus(Encounter.EncounterStatus.fromCode(pick(
                    random,
                    List.of("finished", "in-progress", "arrived", "triaged", "onleave", "planned", "cancelled"))));
            var pool = codes.lines().get("Office Visit");
            encounter.addType(
                    new CodeableConcept(new Coding(ClaimResources.CPT, pool.get(random.nextInt(pool.size())), null)));
            var day = visitDay(random);
            encounter
                    .getPeriod()
                    .setStartElement(new DateTimeType(day.toString()))
                    .setEndElement(new DateTimeType(day.toString()));
            clinical.add(encounter);
        }
        // the vaccines: complete (then one change at an edge) or anything
        boolean complete = random.nextInt(5) < 2;
        var changed = complete ? ANTIGENS.get(random.nextInt(ANTIGENS.size())) : null;
        int dose = 0;
        for (var antigen : ANTIGENS) {
            int count;
            if (complete) {
                count = antigen.window() == Window.SECOND_BIRTHDAY
                                || antigen.vaccine().startsWith("Hib Vaccine (4")
                                || antigen.vaccine().startsWith("rotavirus")
                        ? random.nextInt(2)
                        : antigen.doses();
            } else {
                count = random.nextInt(3) == 0 ? 0 : random.nextInt(antigen.doses() + 2);
            }
            LocalDate previous = null;
            for (int d = 0; d < count; d++) {
                LocalDate day;
                boolean edge = antigen == changed || !complete && random.nextInt(3) == 0;
                if (previous != null && edge && random.nextInt(3) == 0) {
                    day = previous; // a second record on the same day
                } else if (edge) {
                    day = edgeDay(random, antigen, born);
                } else {
                    day = inside(random, antigen, born, d, count);
                }
                previous = day;
                var cvx = codes.cvx().get(antigen.vaccine());
                var lines = codes.lines().get(antigen.administered());
                if (cvx != null && !claimsOnly && (lines == null || random.nextInt(5) < 2)) {
                    clinical.add(immunization(id + "-imm" + (dose++), subject, pick(random, cvx), day, random));
                } else if (lines != null) {
                    claims.add(claim(id, claims.size(), day, pick(random, lines), null, null));
                }
            }
        }
        // history of disease, anaphylaxis, exclusions
        if (complete && random.nextBoolean() || !complete && random.nextInt(3) == 0) {
            var name = CONDITIONS.get(random.nextInt(CONDITIONS.size()));
            var day = conditionDay(random, born, second);
            var dx = codes.diagnoses().get(name);
            if (dx != null) claims.add(claim(id, claims.size(), day, "99999", pick(random, dx), null));
        }
        if (random.nextInt(4) == 0) {
            // measles, mumps and rubella together
            for (var name : List.of("Measles", "Mumps", "Rubella")) {
                var dx = codes.diagnoses().get(name);
                if (dx != null) {
                    claims.add(claim(
                            id, claims.size(), conditionDay(random, born, second), "99999", pick(random, dx), null));
                }
            }
        }
        if (!claimsOnly && random.nextInt(3) == 0) {
            var condition = new Condition();
            condition.setId(id + "-cond");
            condition.setSubject(subject);
            var code = random.nextBoolean()
                    ? pick(random, codes.anaphylaxis())
                    : pick(random, codes.snomed().get(CONDITIONS.get(random.nextInt(CONDITIONS.size()))));
            condition.setCode(new CodeableConcept(new Coding(SNOMED, code, null)));
            condition.setClinicalStatus(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
            var status = pick(random, List.of("confirmed", "confirmed", "refuted", "entered-in-error", ""));
            if (!status.isEmpty()) {
                condition.setVerificationStatus(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", status, null)));
            }
            condition.setOnset(
                    new DateTimeType(conditionDay(random, born, second).toString()));
            clinical.add(condition);
        }
        if (random.nextInt(3) == 0) {
            // the newborn hepatitis B dose, in the first week or just after
            var day = born.plusDays(random.nextInt(10) - 1);
            claims.add(new ClaimResources.StoredClaim(
                    id + "-" + claims.size(),
                    'I',
                    day,
                    day,
                    List.of(),
                    List.of("3E0234Z"),
                    List.of(new ClaimResources.StoredLine(1, day, day, "99999"))));
        }
        if (random.nextInt(12) == 0) {
            var pool = codes.lines().get(random.nextBoolean() ? "Hospice Encounter" : "Hospice Care Ambulatory");
            claims.add(claim(id, claims.size(), visitDay(random), pick(random, pool), null, null));
        }
        if (!claimsOnly && random.nextInt(12) == 0) {
            var order = new ServiceRequest();
            order.setId(id + "-order");
            order.setSubject(subject);
            order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
            order.setIntent(ServiceRequest.ServiceRequestIntent.fromCode(
                    pick(random, List.of("order", "original-order", "plan"))));
            order.setCode(new CodeableConcept(
                    new Coding(SNOMED, pick(random, codes.snomed().get("Hospice Care Ambulatory")), null)));
            order.setAuthoredOnElement(new DateTimeType(visitDay(random).toString()));
            clinical.add(order);
        }
        return new OwnEngineDifferentialTests.Generated(
                summary, claims, clinical, clinical.isEmpty() ? "none" : "CMS117 child");
    }

    private static LocalDate visitDay(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> START.plusDays(random.nextInt(3) - 1);
            case 1 -> END.plusDays(random.nextInt(3) - 1);
            default -> START.plusDays(random.nextInt(365));
        };
    }

    /** A dose inside its window, spread so that the doses fall on different days. */
    private static LocalDate inside(Random random, Antigen antigen, LocalDate born, int d, int count) {
        var from = windowStart(antigen, born);
        var to = born.plusYears(2);
        if (antigen.window() == Window.SECOND_BIRTHDAY) return to;
        long span = java.time.temporal.ChronoUnit.DAYS.between(from, to) / Math.max(count, 1);
        return from.plusDays(d * span + random.nextInt((int) Math.max(span, 1)));
    }

    private static LocalDate windowStart(Antigen antigen, LocalDate born) {
        return switch (antigen.window()) {
            case FROM_42_DAYS -> born.plusDays(42);
            case FROM_BIRTH -> born;
            case FROM_FIRST_BIRTHDAY -> born.plusYears(1);
            case SECOND_BIRTHDAY -> born.plusYears(2);
        };
    }

    /** A day at one of the windows' edges (the influenza procedures' 180 days among them). */
    private static LocalDate edgeDay(Random random, Antigen antigen, LocalDate born) {
        var edges = new LocalDate[] {
            windowStart(antigen, born), born.plusYears(2), born.plusDays(180), born.plusDays(42), born.plusYears(1)
        };
        return edges[random.nextInt(edges.length)].plusDays(random.nextInt(3) - 1);
    }

    private static LocalDate conditionDay(Random random, LocalDate born, LocalDate second) {
        return switch (random.nextInt(4)) {
            case 0 -> born.plusDays(random.nextInt(3) - 1);
            case 1 -> second.plusDays(random.nextInt(3) - 1);
            default -> born.plusDays(random.nextInt(730));
        };
    }

    /** An Immunization as the lab/immunization CSV import makes it (UTC midnight), or with a day-precision date. */
    private static Immunization immunization(String id, Reference subject, String cvx, LocalDate day, Random random) {
        var immunization = new Immunization();
        immunization.setId(id);
        immunization.setPatient(subject);
        immunization.setStatus(
                random.nextInt(12) == 0
                        ? Immunization.ImmunizationStatus.NOTDONE
                        : Immunization.ImmunizationStatus.COMPLETED);
        immunization.setVaccineCode(new CodeableConcept(new Coding(CVX, cvx, null)));
        immunization.setOccurrence(
                random.nextBoolean()
                        ? new DateTimeType(
                                Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
                        : new DateTimeType(day.toString()));
        return immunization;
    }

    private static ClaimResources.StoredClaim claim(
            String id, int c, LocalDate day, String line, String diagnosis, String pcs) {
        return new ClaimResources.StoredClaim(
                id + "-" + c,
                'P',
                day,
                day,
                diagnosis == null ? List.of() : List.of(diagnosis),
                pcs == null ? List.of() : List.of(pcs),
                List.of(new ClaimResources.StoredLine(1, day, day, line)));
    }

    private static String pick(Random random, List<String> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    /** Shifts of a published case's birth date, and of its other dates beside it (windows' edges in days). */
    static final int[] BIRTH_SHIFTS = {0, 0, -1, 1, 365, -365, 200};

    static final int[] DOSE_SHIFTS = {0, 0, -1, 1, -2, 2, 42, -42, 7, -7};

    /**
     * A child born on the published case's birth date moved by one shift, carrying the case's resources (its CMS117
     * fragment) moved by that shift and, often, a few days more, so doses cross the windows' edges.
     */
    static OwnEngineDifferentialTests.Generated withPublishedCase(
            int n, Random random, OwnEngineDifferentialTests.Fragment fragment) {
        int birthShift = BIRTH_SHIFTS[random.nextInt(BIRTH_SHIFTS.length)];
        int shift = birthShift + DOSE_SHIFTS[random.nextInt(DOSE_SHIFTS.length)];
        var born = LocalDate.of(2024, 1, 1).plusDays(birthShift);
        var summary = summary("P%05d".formatted(n), born, "F");
        var base = new OwnEngineDifferentialTests.Generated(summary, List.of());
        return OwnEngineDifferentialTests.withClinical(base, fragment, shift);
    }

    /** A child as coverage summarizes a member: id, birth date and sex, the rest absent. */
    static MemberSummary summary(String id, LocalDate born, String sex) {
        return new MemberSummary(id, null, null, "Test", "Child", born, sex, null, null, null, null, null, null);
    }
}
