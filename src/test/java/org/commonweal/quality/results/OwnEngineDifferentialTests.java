package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * Our engine against the CQL reference engine running the stewards' ELM, member by member: 1,000 generated members
 * with claims (ages on and around every cut-off, dates on and around the period's edges and the look-back starts,
 * codes drawn from every value set of the measures, exclusions and noise), each converted to FHIR for the reference
 * engine ({@link ClaimResources}) and to our record ({@link ClaimRecords}); and 300 more with clinical data: the
 * resources of a published test case moved to the member and shifted in time ({@link FhirRecords}). Every population
 * of every member must be the same.
 */
class OwnEngineDifferentialTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final int MEMBERS = 1000;
    static final int EDGE_MEMBERS = 250;

    @Test
    void ourEngineAndTheReferenceEngineGiveEveryMemberTheSamePopulations() {
        var content = PublishedMeasureContent.folder();
        var engine = EcqmEngine.load(content);
        var pools = codePools(content);
        var random = new Random(20261205);
        var members = new ArrayList<Generated>();
        for (int i = 0; i < MEMBERS - EDGE_MEMBERS; i++) members.add(generate(i, random, pools));
        for (int i = MEMBERS - EDGE_MEMBERS; i < MEMBERS; i++) members.add(edge(i, random, pools));
        // members with clinical data: the resources of a published test case (any of the five measures), moved to
        // the member and shifted in time, beside the member's generated claims
        var fragments = clinicalFragments();
        for (int i = 0; i < CLINICAL_MEMBERS; i++) {
            var base = i % 2 == 0 ? generate(MEMBERS + i, random, pools) : edge(MEMBERS + i, random, pools);
            members.add(withClinical(base, fragments.get(random.nextInt(fragments.size())), random));
        }
        // CMS153: women 15-25 with claims and generated clinical data on the measure's edges
        members.addAll(Cms153Members.generate(content, START, END, MEMBERS + CLINICAL_MEMBERS, CMS153_MEMBERS, random));
        var referenceCannotRun = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
        // CMS117: children on the measure's edges, and children carrying its published cases shifted
        var children = new ArrayList<Generated>();
        var codes = Cms117Members.codes(content);
        for (int i = 0; i < CMS117_CHILDREN; i++) children.add(Cms117Members.generate(i, random, codes));
        var cms117Cases =
                fragments.stream().filter(f -> f.source().startsWith("CMS117/")).toList();
        for (int i = 0; i < CMS117_CASES; i++) {
            children.add(
                    Cms117Members.withPublishedCase(i, random, cms117Cases.get(random.nextInt(cms117Cases.size()))));
        }
        // the reference engine takes about a second a member on CMS117: it sees the children and one in six others
        var cms117Members = new ArrayList<>(children);
        for (int i = 0; i < members.size(); i += 6) cms117Members.add(members.get(i));
        members.addAll(children);

        var mismatches = java.util.Collections.synchronizedList(new ArrayList<String>());
        var counts = new TreeMap<String, Map<String, Integer>>();
        var cqlNanos = new java.util.concurrent.atomic.AtomicLong();
        var ourNanos = new java.util.concurrent.atomic.AtomicLong();
        var evaluations = new java.util.concurrent.atomic.AtomicLong();
        for (var measureId : EcqmEngine.MEASURES) {
            var evaluated = measureId.equals("CMS117") ? cms117Members : members;
            var measure = PublishedMeasureContent.measure(measureId);
            var tally = new java.util.concurrent.ConcurrentHashMap<String, Integer>();
            counts.put(measureId, tally);
            // the machine's two cores, each with its own reference engine (built one after the other)
            var references = List.of(new CqlMeasureEvaluator(measure), new CqlMeasureEvaluator(measure));
            java.util.stream.IntStream.range(0, 2).parallel().forEach(half -> {
                var reference = references.get(half);
                for (int i = half; i < evaluated.size(); i += 2) {
                    var member = evaluated.get(i);
                    long t0 = System.nanoTime();
                    var fhir = new ArrayList<org.hl7.fhir.r4.model.Resource>(
                            ClaimResources.of(member.summary, member.claims));
                    fhir.addAll(member.clinical);
                    org.commonweal.quality.measure.MeasurePopulations expected;
                    try {
                        expected = reference.evaluate(member.summary.memberId(), fhir, START, END);
                    } catch (RuntimeException e) {
                        // the reference engine stops on some members' data (REFERENCE_CANNOT_RUN); our engine
                        // answers, there is nothing to compare
                        var known = REFERENCE_CANNOT_RUN.stream()
                                .filter(String.valueOf(e.getMessage())::startsWith)
                                .findFirst();
                        if (known.isEmpty()) throw e;
                        if (referenceCannotRun.merge(measureId + ": " + known.get(), 1, Integer::sum) == 1) {
                            System.out.println("reference engine cannot run " + measureId + " for "
                                    + member.summary.memberId() + " (" + member.source + "): " + e.getMessage());
                        }
                        continue;
                    }
                    long t1 = System.nanoTime();
                    var record = engine.record(
                            member.summary.memberId(),
                            member.summary.birthDate(),
                            member.summary.sex(),
                            !member.clinical.isEmpty());
                    ClaimRecords.fill(record, member.claims);
                    FhirRecords.add(record, member.clinical);
                    var actual = engine.evaluate(measureId, record, START, END);
                    long t2 = System.nanoTime();
                    cqlNanos.addAndGet(t1 - t0);
                    evaluations.incrementAndGet();
                    ourNanos.addAndGet(t2 - t1);
                    expected.populations().forEach((code, in) -> {
                        if (in) tally.merge(code, 1, Integer::sum);
                        if (in && !member.clinical.isEmpty()) tally.merge("clinical " + code, 1, Integer::sum);
                    });
                    boolean strataDiffer =
                            measureId.equals("CMS153") && !expected.strata().equals(actual.strata());
                    if (!expected.populations().equals(actual.populations()) || strataDiffer) {
                        mismatches.add(measureId + " " + member.summary.memberId() + " born "
                                + member.summary.birthDate() + " " + member.summary.sex() + ": reference "
                                + expected.populations() + expected.strata() + ", ours " + actual.populations()
                                + actual.strata() + "; claims "
                                + member.claims + "; clinical " + member.source);
                    }
                }
            });
        }
        System.out.printf(
                "differential: %d members, %d member-measures (CMS117: %d members); populations (reference) %s;"
                        + " reference cannot run %s;"
                        + " reference engine %.1f ms/member-measure, ours (record built included) %.3f ms%n",
                members.size(),
                evaluations.get(),
                cms117Members.size(),
                counts,
                referenceCannotRun,
                cqlNanos.get() / 1e6 / evaluations.get(),
                ourNanos.get() / 1e6 / evaluations.get());
        assertThat(mismatches).as("members whose populations differ").isEmpty();
        // the generated members reach every population of every measure, so the comparison is not vacuous
        for (var measureId : EcqmEngine.MEASURES) {
            assertThat(counts.get(measureId)).as(measureId).containsKeys("initial-population", "denominator-exclusion");
            assertThat(counts.get(measureId).get("initial-population"))
                    .as(measureId)
                    .isGreaterThan(20);
        }
        assertThat(counts.get("CMS130")).containsKey("numerator");
        assertThat(counts.get("CMS122")).containsKey("numerator");
        assertThat(counts.get("CMS117").get("numerator")).as("CMS117 numerator").isGreaterThan(10);
        assertThat(counts.get("CMS117").get("numerator") - counts.get("CMS117").get("clinical numerator"))
                .as("CMS117 numerator from claims alone")
                .isGreaterThan(0);
        assertThat(counts.get("CMS117").get("denominator-exclusion"))
                .as("CMS117 exclusions")
                .isGreaterThan(10);
        // and the members with clinical data reach the populations only clinical data can reach
        for (var measureId : EcqmEngine.MEASURES) {
            assertThat(counts.get(measureId))
                    .as(measureId)
                    .containsKeys("clinical initial-population", "clinical denominator-exclusion");
        }
        for (var measureId : List.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS165", "CMS153", "CMS117")) {
            assertThat(counts.get(measureId)).as(measureId).containsKey("clinical numerator");
        }
        // CMS153: the comparison skipped few members
        assertThat(referenceCannotRun.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isLessThan(CMS153_MEMBERS / 4);
    }

    static final int CLINICAL_MEMBERS = 300;
    static final int CMS153_MEMBERS = 300;
    /**
     * How the reference engine stops on some members' data (found with CMS153's published cases, QI-Core 4.1.1, and
     * the CMS153 generator's resources in the mix). On CMS153's ELM (translator 3.10, without signatures): a contraceptive order without
     * dosage bounds matches two ToInterval overloads; bounds with a time at the start and a date alone at the end make
     * CumulativeMedicationDuration build an interval from a DateTime to a Date on the same day. On CMS165's ELM: its
     * "getId" of an observation's encounter reference is handed the FHIR string instead of a CQL String.
     */
    static final List<String> REFERENCE_CANNOT_RUN = List.of(
            "Ambiguous call to operator 'ToInterval(null)'",
            "Invalid Interval - the ending boundary",
            "Expected Split(String, String), Found Split(org.hl7.fhir.r4.model.StringType");

    static final int CMS117_CHILDREN = 400;
    static final int CMS117_CASES = 60;

    record Generated(
            MemberSummary summary,
            List<ClaimResources.StoredClaim> claims,
            List<org.hl7.fhir.r4.model.Resource> clinical,
            String source) {
        Generated(MemberSummary summary, List<ClaimResources.StoredClaim> claims) {
            this(summary, claims, List.of(), "none");
        }
    }

    /** One published test case's resources other than its Patient (and its id, to name it in a mismatch). */
    record Fragment(String source, List<org.hl7.fhir.r4.model.Resource> resources) {}

    static List<Fragment> clinicalFragments() {
        var fragments = new ArrayList<Fragment>();
        for (var id : EcqmEngine.MEASURES) {
            if (id.equals("CMS153")) continue; // CMS153's cases go to its own members (Cms153Members)
            fragments.addAll(fragments(id));
        }
        return fragments;
    }

    /** The fragments of one measure's published cases. */
    static List<Fragment> fragments(String id) {
        var fragments = new ArrayList<Fragment>();
        for (var testCase : PublishedMeasureContent.testCases(PublishedMeasureContent.measure(id))) {
            var resources = testCase.resources().stream()
                    .filter(r -> !(r instanceof org.hl7.fhir.r4.model.Patient))
                    .toList();
            if (!resources.isEmpty()) fragments.add(new Fragment(id + "/" + testCase.patientId(), resources));
        }
        return fragments;
    }

    /** Shifts, in days, of a test case's dates: none, across the period's bounds, a year either way. */
    static final int[] SHIFTS = {0, 0, 0, -1, 1, -2, 2, -365, 365, -183, 183};

    /**
     * The member with a copy of the fragment's resources: every reference to a Patient now names the member, every
     * date and dateTime moved by one shift.
     */
    static Generated withClinical(Generated base, Fragment fragment, Random random) {
        int shift = SHIFTS[random.nextInt(SHIFTS.length)];
        // CMS153's cases are dated in its 2025 period: moved a year on, into the test's period (CMS153)
        if (fragment.source().startsWith("CMS153/")) shift += 365;
        return withClinical(base, fragment, shift);
    }

    static Generated withClinical(Generated base, Fragment fragment, int shift) {
        var terser = FhirContext.forR4Cached().newTerser();
        var memberId = base.summary().memberId();
        var copies = new ArrayList<org.hl7.fhir.r4.model.Resource>();
        for (var resource : fragment.resources()) {
            var copy = resource.copy();
            for (var reference :
                    terser.getAllPopulatedChildElementsOfType(copy, org.hl7.fhir.r4.model.Reference.class)) {
                if ("Patient".equals(reference.getReferenceElement().getResourceType())) {
                    reference.setReference("Patient/" + memberId);
                }
            }
            if (shift != 0) {
                for (var date :
                        terser.getAllPopulatedChildElementsOfType(copy, org.hl7.fhir.r4.model.BaseDateTimeType.class)) {
                    if (date.getValue() != null) date.add(java.util.Calendar.DATE, shift);
                }
            }
            copies.add(copy);
        }
        return new Generated(base.summary(), base.claims(), copies, fragment.source() + " shifted " + shift + " days");
    }

    /**
     * Claim codes of each value set of the five measures: line codes, diagnoses and ICD-10-PCS codes, and the line
     * codes and diagnoses of each set by its title.
     */
    record Pools(
            List<List<String>> lineCodes,
            List<List<String>> diagnoses,
            List<List<String>> pcs,
            Map<String, List<String>> linesByTitle,
            Map<String, List<String>> diagnosesByTitle) {}

    static Pools codePools(Path content) {
        var parser = FhirContext.forR4Cached().newJsonParser();
        var lines = new ArrayList<List<String>>();
        var dx = new ArrayList<List<String>>();
        var pcs = new ArrayList<List<String>>();
        var linesByTitle = new TreeMap<String, List<String>>();
        var diagnosesByTitle = new TreeMap<String, List<String>>();
        for (var id : EcqmEngine.MEASURES) {
            if (id.equals("CMS153")) continue; // its members have their own codes (Cms153Members)
            try (Stream<Path> files = Files.list(content.resolve(id).resolve("valuesets"))) {
                for (var file : files.filter(f -> f.toString().endsWith(".json"))
                        .sorted()
                        .toList()) {
                    var vs = parser.parseResource(ValueSet.class, Files.readString(file));
                    var l = new ArrayList<String>();
                    var d = new ArrayList<String>();
                    var p = new ArrayList<String>();
                    for (var c : vs.getExpansion().getContains()) {
                        switch (c.getSystem()) {
                            case ClaimResources.CPT, ClaimResources.HCPCS, ClaimResources.HCPCS_CMS ->
                                l.add(c.getCode());
                            case ClaimResources.ICD10_CM -> d.add(c.getCode().replace(".", ""));
                            case ClaimResources.ICD10_PCS -> p.add(c.getCode());
                            default -> {}
                        }
                    }
                    if (!l.isEmpty()) lines.add(l);
                    if (!d.isEmpty()) dx.add(d);
                    if (!l.isEmpty()) linesByTitle.put(vs.getTitle(), l);
                    if (!d.isEmpty()) diagnosesByTitle.put(vs.getTitle(), d);
                    if (!p.isEmpty()) pcs.add(p);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        // noise: codes in no value set
        lines.add(List.of("99999", "A0428", "0001U", "1234F"));
        dx.add(List.of("Z0000", "R69", "J069"));
        return new Pools(lines, dx, pcs, linesByTitle, diagnosesByTitle);
    }

    /** Ages (on the period's last day) around every cut-off of the five measures. */
    static final int[] AGES = {
        17, 18, 19, 23, 24, 25, 41, 42, 43, 45, 46, 47, 49, 50, 51, 52, 64, 65, 66, 67, 74, 75, 76, 79, 80, 81, 82, 84,
        85, 86
    };

    static Generated generate(int n, Random random, Pools pools) {
        LocalDate born;
        if (random.nextInt(10) < 8) {
            born = END.minusYears(AGES[random.nextInt(AGES.length)]).plusDays(random.nextInt(3) - 1);
        } else {
            born = END.minusDays(random.nextInt(95 * 365));
        }
        var sex = random.nextInt(10) < 6 ? "F" : random.nextInt(10) < 9 ? "M" : null;
        var summary = new MemberSummary(
                "D%05d".formatted(n), null, null, "Test", "Member", born, sex, null, null, null, null, null, null);
        var claims = new ArrayList<ClaimResources.StoredClaim>();
        // what the measures look for, often: a qualifying visit, diabetes, hypertension, a colorectal screening
        if (random.nextInt(4) > 0) {
            var title = QUALIFYING[random.nextInt(QUALIFYING.length)];
            claims.add(visit(n, claims.size(), random, pools.linesByTitle().get(title), null));
        }
        if (random.nextInt(3) == 0) {
            claims.add(visit(
                    n,
                    claims.size(),
                    random,
                    pools.linesByTitle().get("Office Visit"),
                    pick(random, List.of(pools.diagnosesByTitle().get("Diabetes")))));
        }
        if (random.nextInt(3) == 0) {
            claims.add(visit(
                    n,
                    claims.size(),
                    random,
                    pools.linesByTitle().get("Office Visit"),
                    pick(random, List.of(pools.diagnosesByTitle().get("Essential Hypertension")))));
        }
        if (random.nextInt(5) == 0) {
            claims.add(visit(
                    n,
                    claims.size(),
                    random,
                    pools.linesByTitle().get(random.nextBoolean() ? "Colonoscopy" : "Flexible Sigmoidoscopy"),
                    null));
        }
        // and anything from any value set (exclusions among them) or none
        int count = random.nextInt(3);
        for (int c = 0; c < count; c++) {
            var day = day(random);
            var last = random.nextInt(5) == 0 ? day.plusDays(1 + random.nextInt(4)) : day;
            var lines = new ArrayList<ClaimResources.StoredLine>();
            int lineCount = 1 + random.nextInt(3);
            for (int l = 0; l < lineCount; l++) {
                var from = random.nextInt(4) == 0 ? day(random) : day;
                var to = switch (random.nextInt(3)) {
                    case 0 -> null;
                    case 1 -> from;
                    default -> from.plusDays(random.nextInt(3));
                };
                lines.add(new ClaimResources.StoredLine(l + 1, from, to, pick(random, pools.lineCodes())));
            }
            var diagnoses = new ArrayList<String>();
            for (int d = random.nextInt(4); d > 0; d--) diagnoses.add(pick(random, pools.diagnoses()));
            var pcs = new ArrayList<String>();
            if (random.nextInt(6) == 0) pcs.add(pick(random, pools.pcs()));
            claims.add(new ClaimResources.StoredClaim(
                    "D%05d-%d".formatted(n, claims.size()),
                    random.nextInt(8) == 0 ? 'I' : 'P',
                    day,
                    last,
                    diagnoses,
                    pcs,
                    lines));
        }
        return new Generated(summary, claims);
    }

    static final String[] QUALIFYING = {
        "Office Visit",
        "Annual Wellness Visit",
        "Home Healthcare Services",
        "Preventive Care Services Established Office Visit, 18 and Up",
        "Preventive Care Services Initial Office Visit, 18 and Up",
        "Telephone Visits",
        "Virtual Encounter",
        "Nutrition Services"
    };

    /** One claim of one line from {@code codes}, with a diagnosis or none. */
    static ClaimResources.StoredClaim visit(int n, int c, Random random, List<String> codes, String diagnosis) {
        var day = random.nextBoolean() ? START.plusDays(random.nextInt(200)) : day(random);
        var to = random.nextBoolean() ? null : day;
        return new ClaimResources.StoredClaim(
                "D%05d-%d".formatted(n, c),
                'P',
                day,
                day,
                diagnosis == null ? List.of() : List.of(diagnosis),
                List.of(),
                List.of(new ClaimResources.StoredLine(1, day, to, codes.get(random.nextInt(codes.size())))));
    }

    private static String pick(Random random, List<List<String>> pool) {
        var set = pool.get(random.nextInt(pool.size()));
        return set.get(random.nextInt(set.size()));
    }

    /** The days where CQL's day-precision data meet the period's millisecond bounds. */
    static final LocalDate[] BOUNDS = {
        END.minusDays(1),
        END,
        END.plusDays(1),
        START.minusDays(1),
        START,
        START.plusDays(1),
        START.plusMonths(6).minusDays(2),
        START.plusMonths(6).minusDays(1),
        START.plusMonths(6)
    };

    /**
     * A member in every measure's initial population (a visit, diabetes and hypertension in the first half of the
     * period, of an age all five share) with one code of any value set on a day at one of the period's bounds: where
     * "on or before end of "Measurement Period"" and "overlaps "Measurement Period"" are uncertain in CQL.
     */
    static Generated edge(int n, Random random, Pools pools) {
        int[] ages = {30, 50, 60, 64, 66, 70, 74};
        var born = END.minusYears(ages[random.nextInt(ages.length)]).minusDays(random.nextInt(300));
        var summary = new MemberSummary(
                "E%05d".formatted(n),
                null,
                null,
                "Test",
                "Member",
                born,
                random.nextInt(5) == 0 ? "M" : "F",
                null,
                null,
                null,
                null,
                null,
                null);
        var visitDay = START.plusDays(130);
        var diagnoses = new ArrayList<String>(
                List.of(pick(random, List.of(pools.diagnosesByTitle().get("Diabetes")))));
        var hypertension = pick(random, List.of(pools.diagnosesByTitle().get("Essential Hypertension")));
        var day = BOUNDS[random.nextInt(BOUNDS.length)];
        var claims = new ArrayList<ClaimResources.StoredClaim>();
        if (random.nextInt(4) == 0) {
            // hypertension first seen on the bound itself
            claims.add(new ClaimResources.StoredClaim(
                    "E%05d-h".formatted(n),
                    'P',
                    day,
                    day,
                    List.of(hypertension),
                    List.of(),
                    List.of(new ClaimResources.StoredLine(1, day, day, "99213"))));
        } else {
            diagnoses.add(hypertension);
        }
        claims.add(new ClaimResources.StoredClaim(
                "E%05d-v".formatted(n),
                'P',
                visitDay,
                visitDay,
                diagnoses,
                List.of(),
                List.of(new ClaimResources.StoredLine(1, visitDay, visitDay, "99213"))));
        var line = new ArrayList<ClaimResources.StoredLine>();
        var dx = new ArrayList<String>();
        var pcs = new ArrayList<String>();
        switch (random.nextInt(3)) {
            case 0 ->
                line.add(new ClaimResources.StoredLine(
                        1, day, random.nextBoolean() ? day : null, pick(random, pools.lineCodes())));
            case 1 -> dx.add(pick(random, pools.diagnoses()));
            default -> pcs.add(pick(random, pools.pcs()));
        }
        if (line.isEmpty()) line.add(new ClaimResources.StoredLine(1, day, day, "99999"));
        claims.add(new ClaimResources.StoredClaim("E%05d-x".formatted(n), 'P', day, day, dx, pcs, line));
        return new Generated(summary, claims);
    }

    /** A service day: often on or next to an edge the measures test, else anywhere in eleven years. */
    static LocalDate day(Random random) {
        var edges = new LocalDate[] {
            START,
            END,
            START.plusMonths(6),
            START.minusYears(1),
            START.minusYears(2),
            START.minusYears(4),
            START.minusYears(9),
            LocalDate.of(START.getYear() - 2, 10, 1)
        };
        if (random.nextInt(3) > 0) {
            return edges[random.nextInt(edges.length)].plusDays(random.nextInt(3) - 1);
        }
        return START.minusYears(10).plusDays(random.nextInt(11 * 365 + 30));
    }
}
