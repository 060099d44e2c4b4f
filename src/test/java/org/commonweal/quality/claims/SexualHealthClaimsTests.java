package org.commonweal.quality.claims;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.engine.FhirRecords;
import org.commonweal.quality.engine.MemberRecord;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generator's sexual-health claims and chlamydia results reach CMS153 as its CQL reads them: a population of
 * women and men 14–27 with the generator's office visits and sexual-health visits, read back through the 837 reader
 * and the lab layout, evaluated by our engine (itself held to the CQL reference engine by the published test cases
 * and the differential test). About 57 % of the women 16–24 are in the initial population, about 55 % of those in
 * the numerator; nobody else is.
 */
class SexualHealthClaimsTests {

    static final LocalDate START = LocalDate.of(2026, 1, 1);
    static final LocalDate END = LocalDate.of(2026, 12, 31);
    static EcqmEngine engine;

    @BeforeAll
    static void load() {
        engine = PublishedMeasureContent.engine();
    }

    @Test
    void womenSixteenToTwentyFourReachTheInitialPopulationAndNumeratorAtThePublishedRates() throws IOException {
        var members = new ArrayList<SyntheticClaims.Member>();
        for (int i = 0; i < 4000; i++) {
            // ages 14 to 27 on 31 December 2026, born on any day of the year; three in four women
            var born = LocalDate.of(2026 - 14 - i % 14, 1, 1).plusDays(i % 365);
            members.add(new SyntheticClaims.Member("W" + i, born, i % 4 == 3 ? "M" : "F"));
        }
        // the office visits and the sexual-health claims (not the members' other care: SyntheticCareTests)
        var visits837 = new StringWriter();
        var claims837 = new StringWriter();
        var labs = new StringWriter();
        var generator = new SyntheticClaims(11, 2026, END);
        long lines = generator.write(members, 6000, SyntheticClaims.Kind.VISITS, visits837, (Writer) null)
                + generator.write(members, 0, SyntheticClaims.Kind.SEXUAL_HEALTH, claims837, labs);

        var claims = new ArrayList<ClaimRecord>();
        var rejects = new ArrayList<ClaimReject>();
        for (var file : List.of(visits837, claims837)) {
            new Claim837Parser(claims::add, rejects::add)
                    .parse(new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.US_ASCII)));
        }
        assertThat(rejects).isEmpty();
        assertThat(claims.stream().mapToLong(c -> c.lines().size()).sum()).isEqualTo(lines);
        assertThat(claims.stream().map(ClaimRecord::patientControlNumber).distinct())
                .as("visit and sexual-health claims keep apart numbers")
                .hasSize(claims.size());

        var records = new HashMap<String, MemberRecord>();
        for (var m : members) records.put(m.memberId(), engine.record(m.memberId(), m.birthDate(), m.sex(), true));
        for (var c : claims) add(records.get(c.subscriberId()), c);
        var results = labResults(labs.toString());
        results.forEach((member, observations) -> FhirRecords.add(records.get(member), observations));

        int women = 0, ip = 0, numerator = 0, others = 0;
        for (var m : members) {
            var p = engine.evaluate("CMS153", records.get(m.memberId()), START, END);
            int age = java.time.Period.between(m.birthDate(), END).getYears();
            boolean eligible = "F".equals(m.sex()) && age >= 16 && age <= 24;
            if (eligible) women++;
            if (!eligible) {
                if (p.in("initial-population")) others++;
                continue;
            }
            if (p.in("initial-population")) ip++;
            if (p.in("numerator")) numerator++;
        }
        assertThat(others).as("men and women outside 16-24").isZero();
        assertThat(women).isGreaterThan(1800);
        assertThat(ip / (double) women).as("initial population / women 16-24").isBetween(0.52, 0.62);
        assertThat(numerator / (double) ip).as("numerator / initial population").isBetween(0.50, 0.60);
        // every tested woman is in the numerator, but for the few whose only sign of sexual activity is a diagnosis
        // on 31 December: a claim's diagnosis is prevalent on its day, and "overlaps "Measurement Period"" is
        // uncertain on the period's last day against its millisecond bound (null: not in the population)
        int tested = results.values().stream().mapToInt(List::size).sum();
        assertThat(numerator).as("tested women in the numerator").isBetween(tested - tested / 100, tested);
    }

    @Test
    void visitsOnlyOrSexualHealthOnly() throws IOException {
        var members = List.of(
                new SyntheticClaims.Member("A", LocalDate.of(2006, 6, 1), "F"),
                new SyntheticClaims.Member("B", LocalDate.of(1980, 6, 1), "F"));
        var visits = new StringWriter();
        new SyntheticClaims(3, 2026).write(members, 200, SyntheticClaims.Kind.VISITS, visits, (Writer) null);
        assertThat(visits.toString()).doesNotContain("CLM*SYC").contains("CLM*SYN200*");

        // only the sexual-health claims, for a file loaded beside visits already there: with 200 women 20 years old,
        // about 114 visits and no office visits of the other kind
        var women = new ArrayList<SyntheticClaims.Member>();
        for (int i = 0; i < 200; i++) women.add(new SyntheticClaims.Member("F" + i, LocalDate.of(2006, 6, 1), "F"));
        var only = new StringWriter();
        new SyntheticClaims(3, 2026).write(women, 0, SyntheticClaims.Kind.SEXUAL_HEALTH, only, (Writer) null);
        var claims = new ArrayList<ClaimRecord>();
        new Claim837Parser(claims::add, r -> {
                    throw new AssertionError(r.toString());
                })
                .parse(new ByteArrayInputStream(only.toString().getBytes(StandardCharsets.US_ASCII)));
        assertThat(claims).allMatch(c -> c.patientControlNumber().startsWith("SYC"));
        assertThat(claims.size()).isBetween(90, 140);
    }

    /** As the measure runs read stored claims (results.ClaimRecords). */
    private static void add(MemberRecord record, ClaimRecord claim) {
        int n = claim.lines().size();
        var codes = new String[n];
        var from = new LocalDate[n];
        var to = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            codes[i] = claim.lines().get(i).procedureCode();
            from[i] = claim.lines().get(i).from();
            to[i] = claim.lines().get(i).to();
        }
        record.claim(from[0], to[n - 1], codes, from, to, claim.diagnoses(), claim.icd10Procedures());
    }

    /**
     * The lab CSV's lines as the layout documents them (docs/quality.md): a final laboratory Observation of the LOINC
     * code on the collection day, its text value kept as a string.
     */
    private static Map<String, List<Observation>> labResults(String csv) {
        var out = new HashMap<String, List<Observation>>();
        var lines = csv.split("\n");
        assertThat(lines[0]).isEqualTo("member_id,cin,loinc,value,unit,collected_on,performing_org");
        for (int i = 1; i < lines.length; i++) {
            var v = lines[i].split(",", -1);
            assertThat(v).hasSize(7);
            assertThat(v[3]).isIn("Detected", "Not detected");
            var o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.addCategory(new CodeableConcept(
                    new Coding("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", null)));
            o.setCode(new CodeableConcept(new Coding("http://loinc.org", v[2], null)));
            o.setEffective(new DateTimeType(
                    Date.from(LocalDate.parse(v[5]).atStartOfDay(ZoneOffset.UTC).toInstant())));
            o.setValue(new StringType(v[3]));
            out.computeIfAbsent(v[0], k -> new ArrayList<>()).add(o);
        }
        return out;
    }
}
