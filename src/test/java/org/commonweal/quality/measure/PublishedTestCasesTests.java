package org.commonweal.quality.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every published MADiE test case of every supported eCQM: the test patient's resources are evaluated with the
 * steward's ELM for the report's period, and every population count must equal the expected MeasureReport's.
 */
class PublishedTestCasesTests {

    private static final Map<String, int[]> PASSED = new TreeMap<>();
    private static final Map<String, Long> NANOS = new TreeMap<>();

    /**
     * Cases the reference engine cannot run from the published ELM, with the reason (docs/quality.md). CMS153's ELM
     * is from translator 3.10 without function signatures: where a MedicationRequest has no dosage timing bounds,
     * CumulativeMedicationDuration calls FHIRHelpers' ToInterval with a null argument, which matches two overloads.
     * Each must still fail that way, so a fix (new content or engine) shows up here and the entry is removed.
     */
    static final Map<String, String> ENGINE_CANNOT_RUN = Map.of(
            "CMS153/46f23b1f-64c6-4591-80af-da2e9127a4bc", "Ambiguous call to operator 'ToInterval(null)'",
            "CMS153/6e31a1eb-0d32-4a9b-aa86-ee34436f99c1", "Ambiguous call to operator 'ToInterval(null)'");

    @TestFactory
    List<DynamicTest> everyPublishedTestCaseGivesTheExpectedPopulations() {
        var tests = new ArrayList<DynamicTest>();
        for (var id : PublishedMeasureContent.MEASURES) {
            var evaluator = new CqlMeasureEvaluator(PublishedMeasureContent.measure(id));
            for (var testCase : PublishedMeasureContent.testCases(evaluator.measure())) {
                tests.add(DynamicTest.dynamicTest(
                        id + " " + testCase.patientId() + " " + testCase.description(),
                        () -> check(evaluator, testCase)));
            }
        }
        return tests;
    }

    private static void check(CqlMeasureEvaluator evaluator, PublishedMeasureContent.TestCase testCase) {
        var tally = PASSED.computeIfAbsent(testCase.measureId(), k -> new int[3]);
        tally[1]++;
        var expected = testCase.expected();
        var known = ENGINE_CANNOT_RUN.get(testCase.measureId() + "/" + testCase.patientId());
        if (known != null) {
            assertThatThrownBy(() -> evaluator.evaluate(
                            testCase.patientId(),
                            testCase.resources(),
                            day(expected.getPeriod().getStart()),
                            day(expected.getPeriod().getEnd())))
                    .hasMessageContaining(known);
            tally[2]++;
            return;
        }
        long started = System.nanoTime();
        var actual = evaluator.evaluate(
                testCase.patientId(),
                testCase.resources(),
                day(expected.getPeriod().getStart()),
                day(expected.getPeriod().getEnd()));
        NANOS.merge(testCase.measureId(), System.nanoTime() - started, Long::sum);
        assertThat(counts(actual)).as(testCase.description()).isEqualTo(expectedCounts(expected));
        tally[0]++;
    }

    static Map<String, Integer> expectedCounts(MeasureReport report) {
        var counts = new LinkedHashMap<String, Integer>();
        for (var population : report.getGroupFirstRep().getPopulation()) {
            counts.put(population.getCode().getCodingFirstRep().getCode(), population.getCount());
        }
        return counts;
    }

    private static Map<String, Integer> counts(MeasurePopulations actual) {
        var counts = new LinkedHashMap<String, Integer>();
        actual.populations().forEach((code, in) -> counts.put(code, in ? 1 : 0));
        return counts;
    }

    private static LocalDate day(java.util.Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    @AfterAll
    static void report() {
        PASSED.forEach((measure, tally) -> System.out.printf(
                "published test cases %s: %d of %d pass, %d the engine cannot run; %.1f ms per " + "patient%n",
                measure, tally[0], tally[1], tally[2], NANOS.getOrDefault(measure, 0L) / 1e6 / Math.max(1, tally[0])));
    }
}
