package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MonthMasks;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * The trend by month of our engine ({@link MonthMasks}: the record cut on {@code MemberRecord}, evaluated only at the
 * month ends after which new data appears) against the CQL reference engine evaluating the member's FHIR resources as
 * of every month end ({@link RecordAsOf}, as the reference engine's runs do), on the generated members of
 * {@link OwnEngineDifferentialTests} (claims on and around the period's edges, published cases' clinical data shifted
 * in time, CMS153's and CMS117's own members): for every member eligible in a measure, the same answer at every month
 * end.
 */
class MonthlyTrendsDifferentialTests {

    static final int CLAIMS_MEMBERS = 300;
    static final int EDGE_MEMBERS = 100;
    static final int CLINICAL_MEMBERS = 200;
    static final int CMS153_MEMBERS = 150;
    static final int SHIFTED_CASES = 40;
    static final int BLOOD_PRESSURE_MEMBERS = 40;
    /** the reference engine takes about a second a member on CMS117, twelve times over here */
    static final int CMS117_CHILDREN = 16;

    static final int CMS117_CASES = 8;

    @Test
    void ourMonthMasksAreTheReferenceEnginesAnswersAtEveryMonthEnd() {
        var content = PublishedMeasureContent.folder();
        var engine = EcqmEngine.load(content);
        var pools = OwnEngineDifferentialTests.codePools(content);
        var random = new Random(20261206);
        var members = new ArrayList<OwnEngineDifferentialTests.Generated>();
        for (int i = 0; i < CLAIMS_MEMBERS - EDGE_MEMBERS; i++)
            members.add(OwnEngineDifferentialTests.generate(i, random, pools));
        for (int i = CLAIMS_MEMBERS - EDGE_MEMBERS; i < CLAIMS_MEMBERS; i++)
            members.add(OwnEngineDifferentialTests.edge(i, random, pools));
        var fragments = OwnEngineDifferentialTests.clinicalFragments();
        for (int i = 0; i < CLINICAL_MEMBERS; i++) {
            var base = i % 2 == 0
                    ? OwnEngineDifferentialTests.generate(CLAIMS_MEMBERS + i, random, pools)
                    : OwnEngineDifferentialTests.edge(CLAIMS_MEMBERS + i, random, pools);
            members.add(OwnEngineDifferentialTests.withClinical(
                    base, fragments.get(random.nextInt(fragments.size())), random));
        }
        // members carrying one measure's own published cases, moved by up to five months either way, so that the
        // numerator's data (a mammography, a blood pressure, an HbA1c…) falls in every month of the year
        int n = CLAIMS_MEMBERS + CLINICAL_MEMBERS + CMS153_MEMBERS;
        for (var measureId : List.of("CMS122", "CMS124", "CMS125", "CMS130", "CMS165")) {
            var own = OwnEngineDifferentialTests.fragments(measureId);
            for (int i = 0; i < SHIFTED_CASES; i++, n++) {
                members.add(OwnEngineDifferentialTests.withClinical(
                        OwnEngineDifferentialTests.generate(n, random, pools),
                        own.get(random.nextInt(own.size())),
                        random.nextInt(301) - 150));
            }
        }
        // CMS165: the published cases put no reading mid-year here; members with hypertension on a visit and one
        // to three blood pressure readings on random days of the year, around the 140/90 bounds
        for (int i = 0; i < BLOOD_PRESSURE_MEMBERS; i++, n++) members.add(withReadings(n, random, pools));
        members.addAll(
                Cms153Members.generate(content, START, END, CLAIMS_MEMBERS + CLINICAL_MEMBERS, CMS153_MEMBERS, random));
        var children = new ArrayList<OwnEngineDifferentialTests.Generated>();
        var codes = Cms117Members.codes(content);
        for (int i = 0; i < CMS117_CHILDREN; i++) children.add(Cms117Members.generate(i, random, codes));
        var cms117Cases =
                fragments.stream().filter(f -> f.source().startsWith("CMS117/")).toList();
        for (int i = 0; i < CMS117_CASES; i++) {
            children.add(
                    Cms117Members.withPublishedCase(i, random, cms117Cases.get(random.nextInt(cms117Cases.size()))));
        }

        var ends = MonthlyTrends.monthEnds(START, END);
        var mismatches = Collections.synchronizedList(new ArrayList<String>());
        var eligible = new TreeMap<String, Integer>();
        var changing = new TreeMap<String, Integer>();
        var referenceCannotRun = new ConcurrentHashMap<String, Integer>();
        var compared = new AtomicLong();
        var ourNanos = new AtomicLong();
        var referenceNanos = new AtomicLong();
        for (var measureId : EcqmEngine.MEASURES) {
            var evaluated = measureId.equals("CMS117") ? children : members;
            var measure = PublishedMeasureContent.measure(measureId);
            var references = List.of(new CqlMeasureEvaluator(measure), new CqlMeasureEvaluator(measure));
            var tally = new ConcurrentHashMap<String, Integer>();
            IntStream.range(0, 2).parallel().forEach(half -> {
                var reference = references.get(half);
                for (int i = half; i < evaluated.size(); i += 2) {
                    var member = evaluated.get(i);
                    var memberId = member.summary().memberId();
                    long t0 = System.nanoTime();
                    var record = engine.record(
                            memberId,
                            member.summary().birthDate(),
                            member.summary().sex(),
                            !member.clinical().isEmpty());
                    ClaimRecords.fill(record, member.claims());
                    FhirRecords.add(record, member.clinical());
                    var answer = engine.evaluate(measureId, record, START, END);
                    Integer ours = new MonthMasks(engine, record, START, END).mask(measureId, answer);
                    ourNanos.addAndGet(System.nanoTime() - t0);
                    if (ours == null) continue; // not eligible (the populations are OwnEngineDifferentialTests')
                    tally.merge("eligible", 1, Integer::sum);
                    if (ours != 0 && ours != (1 << ends.size()) - 1) tally.merge("changing", 1, Integer::sum);
                    var fhir = new ArrayList<Resource>(ClaimResources.of(member.summary(), member.claims()));
                    fhir.addAll(member.clinical());
                    long t1 = System.nanoTime();
                    for (int k = 0; k < ends.size(); k++) {
                        var asOf = k == ends.size() - 1 ? fhir : RecordAsOf.asOf(fhir, ends.get(k));
                        boolean expected;
                        try {
                            expected = reference
                                    .evaluate(memberId, asOf, START, END)
                                    .in("numerator");
                        } catch (RuntimeException e) {
                            var known = OwnEngineDifferentialTests.REFERENCE_CANNOT_RUN.stream()
                                    .filter(String.valueOf(e.getMessage())::startsWith)
                                    .findFirst();
                            if (known.isEmpty()) throw e;
                            referenceCannotRun.merge(measureId + ": " + known.get(), 1, Integer::sum);
                            continue;
                        }
                        compared.incrementAndGet();
                        boolean actual = (ours & (1 << k)) != 0;
                        if (actual != expected) {
                            mismatches.add(measureId + " " + memberId + " as of " + ends.get(k) + ": reference "
                                    + expected + ", ours " + actual + " (mask "
                                    + Integer.toBinaryString(ours) + "); claims " + member.claims()
                                    + "; clinical " + member.source());
                        }
                    }
                    referenceNanos.addAndGet(System.nanoTime() - t1);
                }
            });
            eligible.put(measureId, tally.getOrDefault("eligible", 0));
            changing.put(measureId, tally.getOrDefault("changing", 0));
        }
        System.out.printf(
                "trend differential: %d members (%d children for CMS117), eligible member-measures %s, masks that"
                        + " change within the year %s, %d member-months compared, reference cannot run %s; reference"
                        + " engine %.1f s for the month ends, ours %.3f s for every member's record, answers and masks%n",
                members.size(),
                children.size(),
                eligible,
                changing,
                compared.get(),
                referenceCannotRun,
                referenceNanos.get() / 1e9,
                ourNanos.get() / 1e9);
        mismatches.stream().limit(20).forEach(System.out::println);
        assertThat(mismatches).as("member-months whose numerator differs").isEmpty();
        // not vacuous: every measure has eligible members, and numerators that change within the year
        for (var measureId : EcqmEngine.MEASURES) {
            assertThat(eligible.get(measureId)).as(measureId + " eligible").isGreaterThan(5);
        }
        assertThat(changing.values().stream().mapToInt(Integer::intValue).sum())
                .as("masks that change within the year")
                .isGreaterThan(50);
        for (var measureId : EcqmEngine.MEASURES) {
            assertThat(changing.get(measureId)).as(measureId + " changing").isGreaterThan(0);
        }
    }

    /** A generated member with an office visit for hypertension and blood pressure readings in the year. */
    static OwnEngineDifferentialTests.Generated withReadings(
            int n, Random random, OwnEngineDifferentialTests.Pools pools) {
        var base = OwnEngineDifferentialTests.generate(n, random, pools);
        var memberId = base.summary().memberId();
        var claims = new ArrayList<>(base.claims());
        var visit = START.plusDays(random.nextInt(180));
        claims.add(new ClaimResources.StoredClaim(
                "BP" + n,
                'P',
                visit,
                visit,
                List.of("I10"),
                List.of(),
                List.of(new ClaimResources.StoredLine(1, visit, visit, "99213"))));
        var readings = new ArrayList<Resource>();
        for (int r = 0, count = 1 + random.nextInt(3); r < count; r++) {
            var o = new org.hl7.fhir.r4.model.Observation();
            o.setId("bp-" + n + "-" + r);
            o.setStatus(org.hl7.fhir.r4.model.Observation.ObservationStatus.FINAL);
            o.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + memberId));
            o.setCode(new org.hl7.fhir.r4.model.CodeableConcept(
                    new org.hl7.fhir.r4.model.Coding("http://loinc.org", "85354-9", null)));
            o.setEffective(new org.hl7.fhir.r4.model.DateTimeType(
                    START.plusDays(random.nextInt(365)).toString()));
            for (var c : List.of(
                    new Object[] {"8480-6", 125 + random.nextInt(30)},
                    new Object[] {"8462-4", 80 + random.nextInt(20)})) {
                o.addComponent()
                        .setCode(new org.hl7.fhir.r4.model.CodeableConcept(
                                new org.hl7.fhir.r4.model.Coding("http://loinc.org", (String) c[0], null)))
                        .setValue(new org.hl7.fhir.r4.model.Quantity()
                                .setValue((Integer) c[1])
                                .setUnit("mm[Hg]")
                                .setSystem("http://unitsofmeasure.org")
                                .setCode("mm[Hg]"));
            }
            readings.add(o);
        }
        return new OwnEngineDifferentialTests.Generated(base.summary(), claims, readings, "blood pressure readings");
    }

    static final java.time.LocalDate START = OwnEngineDifferentialTests.START;
    static final java.time.LocalDate END = OwnEngineDifferentialTests.END;
}
