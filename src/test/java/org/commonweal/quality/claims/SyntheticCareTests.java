package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.measure.CqlMeasureEvaluator;
import org.commonweal.quality.measure.MeasurePopulations;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.StoredClaimsForTests;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's care ({@link SyntheticCare}) reaches each measure's numerator at about the rate it intends, as the
 * measures read it: the 837 read back by the 837 reader, the lab and immunization CSVs as their layouts document them
 * (docs/quality.md), the FHIR NDJSON by HAPI's parser; our engine on every member (as a measure run fills its
 * records), the CQL reference engine on a sample of them giving the same populations. Nothing is dated after today.
 */
class SyntheticCareTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    static final String[] POPULATIONS = {
        "initial-population", "denominator", "denominator-exclusion", "denominator-exception", "numerator"
    };

    static EcqmEngine engine;

    @BeforeAll
    static void load() {
        engine = PublishedMeasureContent.engine();
    }

    /** What one generation wrote, read back. */
    record Generated(
            List<SyntheticClaims.Member> members,
            Map<String, List<StoredClaimsForTests.Claim>> claims,
            Map<String, List<Resource>> clinical,
            String x12,
            String labs,
            String immunizations,
            String fhir) {}

    static Generated generate(List<SyntheticClaims.Member> members, int visits, LocalDate today) throws IOException {
        var x12 = new StringWriter();
        var labs = new StringWriter();
        var immunizations = new StringWriter();
        var fhir = new StringWriter();
        new SyntheticClaims(21, 2026, today)
                .write(
                        members,
                        visits,
                        SyntheticClaims.Kind.ALL,
                        x12,
                        new SyntheticCare.Sinks(labs, immunizations, fhir));
        var claims = new HashMap<String, List<StoredClaimsForTests.Claim>>();
        var rejects = new ArrayList<ClaimReject>();
        new Claim837Parser(
                        c -> claims.computeIfAbsent(c.subscriberId(), k -> new ArrayList<>())
                                .add(stored(c)),
                        rejects::add)
                .parse(new ByteArrayInputStream(x12.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(rejects).isEmpty();
        var clinical = new HashMap<String, List<Resource>>();
        labs(labs.toString(), clinical);
        immunizations(immunizations.toString(), clinical);
        var parser = FhirContext.forR4Cached().newJsonParser();
        for (var line : fhir.toString().split("\n")) {
            if (line.isBlank()) continue;
            var resource = (Resource) parser.parseResource(line);
            if (resource instanceof Patient) continue;
            var subject =
                    ((Observation) resource).getSubject().getReferenceElement().getIdPart();
            clinical.computeIfAbsent(subject, k -> new ArrayList<>()).add(resource);
        }
        return new Generated(
                members, claims, clinical, x12.toString(), labs.toString(), immunizations.toString(), fhir.toString());
    }

    /** Members of every age the measures look at: one in eight a child turning 2 in 2026, the rest 18–85. */
    static List<SyntheticClaims.Member> population(int n) {
        var random = new java.util.Random(5);
        var members = new ArrayList<SyntheticClaims.Member>();
        for (int i = 0; i < n; i++) {
            var born = i % 8 == 0
                    ? LocalDate.of(2024, 1, 1).plusDays(random.nextInt(366))
                    : LocalDate.of(2026 - 18 - random.nextInt(68), 1, 1).plusDays(random.nextInt(365));
            members.add(new SyntheticClaims.Member("M" + i, born, i % 2 == 0 ? "F" : "M"));
        }
        return members;
    }

    @Test
    void membersReachEachNumeratorAtAboutTheIntendedRateAndTheCqlEngineAgrees() throws IOException {
        var generated = generate(population(8000), 30_000, TODAY);

        // measure -> {denominator (less exclusions and exceptions), numerator}
        var rates = new LinkedHashMap<String, int[]>();
        var sample = new ArrayList<SyntheticClaims.Member>();
        var random = new java.util.Random(9);
        for (var m : generated.members()) {
            var summary = StoredClaimsForTests.member(m.memberId(), m.birthDate(), m.sex());
            var claims = generated.claims().getOrDefault(m.memberId(), List.of());
            var clinical = generated.clinical().getOrDefault(m.memberId(), List.of());
            var record = StoredClaimsForTests.record(engine, summary, claims, clinical);
            boolean anyDenominator = false;
            for (var id : List.of("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS165")) {
                var p = engine.evaluate(id, record, START, END);
                var counts = rates.computeIfAbsent(id, k -> new int[2]);
                if (p.in("denominator") && !p.in("denominator-exclusion") && !p.in("denominator-exception")) {
                    counts[0]++;
                    anyDenominator = true;
                    if (p.in("numerator")) counts[1]++;
                }
            }
            if (anyDenominator && random.nextInt(20) == 0) sample.add(m);
        }
        var report = new StringBuilder();
        rates.forEach((id, c) ->
                report.append(String.format("%s %d/%d = %.3f%n", id, c[1], c[0], c[1] / (double) c[0])));
        System.out.print(report);
        assertRate(rates, "CMS124", 0.49, 0.63, 1500); // cervical cytology 56 %
        assertRate(rates, "CMS125", 0.46, 0.60, 1000); // mammography 53 %
        assertRate(rates, "CMS130", 0.33, 0.47, 1500); // colonoscopy or FIT 40 %
        assertRate(rates, "CMS165", 0.50, 0.64, 1000); // 92 % with a reading, 62 % of those controlled: 57 %
        assertRate(rates, "CMS122", 0.31, 0.45, 400); // no HbA1c 12 %, above 9 % 30 % of the rest: 38 %
        assertRate(rates, "CMS117", 0.22, 0.38, 700); // every vaccine by the second birthday 30 %

        // the CQL reference engine on the measures' own ELM, on a sample of the members in some denominator
        assertThat(sample).hasSizeGreaterThan(150);
        int differences = 0;
        var evaluators = new LinkedHashMap<String, CqlMeasureEvaluator>();
        for (var id : List.of("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS165")) {
            evaluators.put(id, new CqlMeasureEvaluator(PublishedMeasureContent.measure(id)));
        }
        var inNumerator = new HashMap<String, Integer>();
        for (var m : sample.subList(0, 150)) {
            var summary = StoredClaimsForTests.member(m.memberId(), m.birthDate(), m.sex());
            var claims = generated.claims().getOrDefault(m.memberId(), List.of());
            var clinical = generated.clinical().getOrDefault(m.memberId(), List.of());
            var record = StoredClaimsForTests.record(engine, summary, claims, clinical);
            var fhir = StoredClaimsForTests.fhir(summary, claims, clinical);
            for (var e : evaluators.entrySet()) {
                MeasurePopulations theirs = e.getValue().evaluate(m.memberId(), fhir, START, END);
                var mine = engine.evaluate(e.getKey(), record, START, END);
                for (var population : POPULATIONS) {
                    if (theirs.in(population) != mine.in(population)) {
                        differences++;
                        System.out.println(e.getKey() + " " + m + " " + population + ": CQL " + theirs.in(population));
                    }
                }
                if (theirs.in("numerator")) inNumerator.merge(e.getKey(), 1, Integer::sum);
            }
        }
        assertThat(differences)
                .as("member-populations where the CQL engine differs")
                .isZero();
        assertThat(inNumerator.keySet())
                .as("the CQL engine finds members in every numerator")
                .containsExactlyInAnyOrder("CMS117", "CMS122", "CMS124", "CMS125", "CMS130", "CMS165");
    }

    private static void assertRate(Map<String, int[]> rates, String id, double low, double high, int atLeast) {
        var c = rates.get(id);
        assertThat(c[0]).as(id + " denominator").isGreaterThan(atLeast);
        assertThat(c[1] / (double) c[0]).as(id + " numerator / denominator").isBetween(low, high);
    }

    private static final Pattern DTP = Pattern.compile("DTP\\*472\\*D8\\*(\\d{8})~");
    private static final Pattern DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    @Test
    void nothingIsDatedAfterTodayNorAfterThePeriodsEnd() throws IOException {
        var members = population(1500);
        for (var today : List.of(LocalDate.of(2026, 3, 15), TODAY, LocalDate.of(2027, 2, 1))) {
            var last = today.isBefore(END) ? today : END;
            var g = generate(members, 4000, today);
            // a file of this year: no day after the last, none of 2027
            var days = new ArrayList<LocalDate>();
            var m = DTP.matcher(g.x12());
            while (m.find()) days.add(LocalDate.parse(m.group(1), java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
            assertThat(days).hasSizeGreaterThan(4000);
            for (var text : List.of(g.labs(), g.immunizations())) {
                var d = DAY.matcher(text);
                while (d.find()) days.add(LocalDate.parse(d.group(1)));
            }
            for (var resources : g.clinical().values()) {
                for (var r : resources) {
                    if (r instanceof Observation o) days.add(day(o.getEffectiveDateTimeType()));
                    if (r instanceof Immunization i) days.add(day(i.getOccurrenceDateTimeType()));
                }
            }
            assertThat(days).as("dates up to " + last).allMatch(d -> !d.isAfter(last));
            // and the last weeks before it are reached: the dates are not just cut short
            assertThat(days).anyMatch(d -> d.isAfter(last.minusDays(14)));
            // the interchange and the sets are dated on the last day too
            assertThat(g.x12()).contains("*" + last.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + "*");
        }
    }

    @Test
    void visitsOnlyStillWritesExactlyTheVisitsAsked() throws IOException {
        var out = new StringWriter();
        new SyntheticClaims(3, 2026, TODAY).write(population(300), 1234, out);
        assertThat(out.toString()).contains("CLM*SYN1234*").doesNotContain("CLM*SYN1235*", "CLM*SYK", "CLM*SYC");
    }

    private static LocalDate day(DateTimeType t) {
        return t.getValue().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static StoredClaimsForTests.Claim stored(ClaimRecord c) {
        return new StoredClaimsForTests.Claim(
                c.patientControlNumber(),
                c.form(),
                c.statementFrom(),
                c.statementTo(),
                c.diagnoses(),
                c.icd10Procedures(),
                c.lines().stream()
                        .map(l -> new StoredClaimsForTests.Line(l.lineNumber(), l.from(), l.to(), l.procedureCode()))
                        .toList());
    }

    /**
     * The lab CSV as docs/quality.md documents it: a final laboratory Observation of the member and the LOINC code on
     * the collection day (midnight UTC), a number with its unit as a UCUM Quantity, any other value as a string.
     */
    private static void labs(String csv, Map<String, List<Resource>> out) {
        var lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("member_id,cin,loinc,value,unit,collected_on,performing_org");
        for (int i = 1; i < lines.length; i++) {
            var v = lines[i].split(",", -1);
            assertThat(v).hasSize(7);
            var o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.addCategory(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
            o.setCode(new CodeableConcept(new Coding("http://loinc.org", v[2], null)));
            o.setSubject(new Reference("Patient/" + v[0]));
            o.setEffective(midnight(v[5]));
            if (v[3].matches("-?[0-9]+(\\.[0-9]+)?")) {
                o.setValue(new Quantity()
                        .setValue(new BigDecimal(v[3]))
                        .setUnit(v[4])
                        .setSystem("http://unitsofmeasure.org")
                        .setCode(v[4]));
            } else {
                o.setValue(new StringType(v[3]));
            }
            out.computeIfAbsent(v[0], k -> new ArrayList<>()).add(o);
        }
    }

    /** The immunization CSV as documented: a completed Immunization of the member and the CVX code on its day. */
    private static void immunizations(String csv, Map<String, List<Resource>> out) {
        var lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("member_id,cin,cvx,given_on,lot,performing_org");
        for (int i = 1; i < lines.length; i++) {
            var v = lines[i].split(",", -1);
            assertThat(v).hasSize(6);
            var imm = new Immunization();
            imm.setStatus(Immunization.ImmunizationStatus.COMPLETED);
            imm.setVaccineCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/cvx", v[2], null)));
            imm.setPatient(new Reference("Patient/" + v[0]));
            imm.setOccurrence(midnight(v[3]));
            out.computeIfAbsent(v[0], k -> new ArrayList<>()).add(imm);
        }
    }

    private static DateTimeType midnight(String day) {
        var t = new DateTimeType(
                Date.from(LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant()));
        t.setTimeZoneZulu(true);
        return t;
    }
}
