package org.commonweal.quality.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.QualityFigures;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.engine.EcqmEngine;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.commonweal.quality.results.OwnEngineRuns;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * {@code commonweal.quality.results.informative-only}: the same run of every measure of our engine, once writing a
 * row for every evaluated member and once only the rows of members in the initial population (or with an error),
 * gives the same figures through every reader of {@code quality.measure_result}: the run's counts, the FHIR summary
 * and subject-list reports, the strata and rate tables' counts, the open gaps, the insights "quality" rates, and the
 * individual report of every evaluated member (all-zero populations for one outside every population, who has no row
 * in the second run). What differs, and is asserted here as the documented difference: groups (strata, insights
 * places) whose evaluated members are all outside the initial population were listed with 0 of 0 and are absent.
 */
@IntegrationTest
class InformativeRowsIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);
    private static final List<String> STRATIFIERS =
            List.of("sex", "age_band", "race_ethnicity", "language", "spa", "rcac_region");

    @Autowired
    ClaimImport claims;

    @Autowired
    OwnEngineRuns ours;

    @Autowired
    MeasureRuns runs;

    @Autowired
    FhirMeasureReportProvider reports;

    @Autowired
    QualityFigures figures;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void everyFigureIsTheSameWithoutTheRowsOutsideTheInitialPopulation() throws Exception {
        PublishedMeasureContent.folder();
        // two women of 55 to 70 (a colonoscopy, an office visit) and a man and a child with the other fixture's
        // claims: members inside and outside the populations, beside the claims other tests stored
        var women = new ArrayList<String>();
        var others = new ArrayList<String>();
        coverage.forEachActiveMember(END, "test", m -> {
            if (m.birthDate() == null) return;
            int age = Period.between(m.birthDate(), END).getYears();
            if ("F".equals(m.sex()) && age >= 55 && age <= 70) women.add(m.memberId());
            if (("M".equals(m.sex()) && age >= 30 && age <= 60) || age <= 10) others.add(m.memberId());
        });
        var tag = UUID.randomUUID().toString().substring(0, 8);
        importFixture("837p-colorectal.x12", women.get(women.size() / 2), women.get(women.size() / 2 + 1), tag);
        importFixture("837p-original.x12", others.get(others.size() / 3), null, tag + "a");
        importFixture("837p-original.x12", others.get(others.size() / 3 * 2), null, tag + "b");

        // every row written (the option off), then the informative rows only (the default)
        List<MeasureRuns.RunSummary> all;
        ReflectionTestUtils.setField(ours, "informativeOnly", false);
        try {
            all = ours.run(EcqmEngine.MEASURES, START, END, "test");
        } finally {
            ReflectionTestUtils.setField(ours, "informativeOnly", true);
        }
        var allRates = figures.latestRates();
        var informative = ours.run(EcqmEngine.MEASURES, START, END, "test");
        var informativeRates = figures.latestRates();

        long dropped = 0;
        for (int i = 0; i < all.size(); i++) {
            var a = all.get(i);
            var b = informative.get(i);
            var measure = a.measureId();
            assertThat(b.measureId()).isEqualTo(measure);
            assertThat(List.of(
                            b.members(),
                            b.initialPopulation(),
                            b.denominator(),
                            b.exclusions(),
                            b.numerator(),
                            b.errors()))
                    .as(measure)
                    .isEqualTo(List.of(
                            a.members(),
                            a.initialPopulation(),
                            a.denominator(),
                            a.exclusions(),
                            a.numerator(),
                            a.errors()));
            var rowA = runs.find(a.runId()).orElseThrow();
            var rowB = runs.find(b.runId()).orElseThrow();
            assertThat(List.of(
                            rowB.members(),
                            rowB.initialPopulation(),
                            rowB.denominator(),
                            rowB.exclusions(),
                            rowB.numerator(),
                            rowB.errors()))
                    .as(measure)
                    .isEqualTo(List.of(
                            rowA.members(),
                            rowA.initialPopulation(),
                            rowA.denominator(),
                            rowA.exclusions(),
                            rowA.numerator(),
                            rowA.errors()));
            var runA = reports.run(a.runId()).orElseThrow();
            var runB = reports.run(b.runId()).orElseThrow();
            assertThat(populations(reports.summary(runB))).as(measure).isEqualTo(populations(reports.summary(runA)));
            assertThat(score(reports.summary(runB))).as(measure).isEqualTo(score(reports.summary(runA)));
            assertThat(subjects(reports.subjectList(runB))).as(measure).isEqualTo(subjects(reports.subjectList(runA)));
            assertThat(runs.openGaps(b.runId())).as(measure).isEqualTo(runs.openGaps(a.runId()));
            for (var by : STRATIFIERS) {
                var strataA = runs.strata(a.runId(), by);
                var strataB = runs.strata(b.runId(), by);
                assertThat(strataA).as(measure + " by " + by).containsAll(strataB);
                assertThat(strataA.stream().filter(s -> !strataB.contains(s)))
                        .as(measure + " by " + by + ": only groups of 0 of 0 are gone")
                        .allMatch(s -> s.eligible() == 0 && s.met() == 0);
            }
            var members = jdbc.sql("select member_id, initial_population from quality.measure_result where run_id = ?")
                    .param(a.runId())
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getBoolean(2)})
                    .list();
            for (var m : members) {
                var memberId = (String) m[0];
                // an evaluated member outside every population has no row in B, and the same all-zero report
                if (!(Boolean) m[1]) dropped++;
                assertThat(populations(reports.individual(runB, memberId).orElseThrow()))
                        .as(measure + " " + memberId)
                        .isEqualTo(
                                populations(reports.individual(runA, memberId).orElseThrow()));
            }
            assertThat(count(b.runId())).as(measure).isEqualTo((long) b.initialPopulation() + b.errors());
        }
        assertThat(dropped)
                .as("rows outside every initial population were written before")
                .isPositive();
        // the insights "quality" rates: every cell with a count is the same, only cells of 0 of 0 are gone
        assertThat(allRates).containsAll(informativeRates);
        assertThat(allRates.stream().filter(c -> !informativeRates.contains(c)))
                .allMatch(c -> c.eligible() == 0 && c.met() == 0);
    }

    private void importFixture(String name, String memberA, String memberB, String tag) throws Exception {
        var x12 = new String(getClass()
                        .getResourceAsStream("/quality/claims/" + name)
                        .readAllBytes())
                .replace("{MEMBER_A}", memberA)
                .replace("CLM*", "CLM*" + tag);
        if (memberB != null) x12 = x12.replace("{MEMBER_B}", memberB);
        var file = dir.resolve(tag + ".x12");
        Files.writeString(file, x12);
        assertThat(claims.importFile(file, "test").accepted()).isPositive();
    }

    private long count(long runId) {
        return jdbc.sql("select count(*) from quality.measure_result where run_id = ?")
                .param(runId)
                .query(Long.class)
                .single();
    }

    private static List<String> populations(MeasureReport report) {
        return report.getGroupFirstRep().getPopulation().stream()
                .map(p -> p.getCode().getCodingFirstRep().getCode() + "=" + p.getCount())
                .toList();
    }

    private static String score(MeasureReport report) {
        var score = report.getGroupFirstRep().getMeasureScore();
        return score.hasValue() ? score.getValue().toPlainString() : "none";
    }

    private static List<String> subjects(MeasureReport report) {
        return report.getContained().stream()
                .map(r -> (org.hl7.fhir.r4.model.ListResource) r)
                .map(l -> l.getId() + ":"
                        + l.getEntry().stream()
                                .map(e -> e.getItem().getReference())
                                .toList())
                .toList();
    }
}
