package org.commonweal.quality.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.commonweal.quality.engine.EcqmEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every published MADiE test case of the measures our engine evaluates, through our engine: the test patient's
 * resources become a record the way imported clinical data does ({@code FhirRecords}), and every population count
 * must equal the expected MeasureReport's. Counts per measure are printed at the end.
 */
class OwnEnginePublishedTestCasesTests {

    private static final Map<String, int[]> TALLY = new TreeMap<>();
    private static final List<String> FAILED = new ArrayList<>();

    @TestFactory
    List<DynamicTest> everyPublishedTestCaseThroughOurEngine() {
        var engine = EcqmEngine.load(PublishedMeasureContent.folder());
        var tests = new ArrayList<DynamicTest>();
        for (var id : EcqmEngine.MEASURES) {
            for (var testCase : PublishedMeasureContent.testCases(PublishedMeasureContent.measure(id))) {
                tests.add(DynamicTest.dynamicTest(
                        id + " " + testCase.patientId() + " " + testCase.description(), () -> check(engine, testCase)));
            }
        }
        return tests;
    }

    private static void check(EcqmEngine engine, PublishedMeasureContent.TestCase testCase) {
        var tally = TALLY.computeIfAbsent(testCase.measureId(), k -> new int[2]);
        tally[1]++;
        var expected = testCase.expected();
        var record = engine.record(testCase.patientId(), testCase.resources());
        var actual = engine.evaluate(
                testCase.measureId(),
                record,
                day(expected.getPeriod().getStart()),
                day(expected.getPeriod().getEnd()));
        var counts = new LinkedHashMap<String, Integer>();
        actual.populations().forEach((code, in) -> counts.put(code, in ? 1 : 0));
        var wanted = PublishedTestCasesTests.expectedCounts(expected);
        if (!counts.equals(wanted)) {
            FAILED.add(testCase.measureId() + "/" + testCase.patientId() + " " + testCase.description() + ": expected "
                    + wanted + ", ours " + counts);
        }
        assertThat(counts).as(testCase.description()).isEqualTo(wanted);
        tally[0]++;
    }

    private static LocalDate day(java.util.Date date) {
        return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    @AfterAll
    static void report() {
        TALLY.forEach((measure, tally) ->
                System.out.printf("our engine, published test cases %s: %d of %d pass%n", measure, tally[0], tally[1]));
        FAILED.forEach(f -> System.out.println("our engine differs: " + f));
    }
}
