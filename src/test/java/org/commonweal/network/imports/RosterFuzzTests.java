package org.commonweal.network.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fuzzing (Jazzer) of the provider roster CSV as a medical group sends it: every row is either handed on whole and
 * valid (an NPI with its check digit, a directory specialty, a ZIP, a network the plan sells, dates in order, text
 * PostgreSQL can store) or reported with its line, a field of the file and a reason; the problems kept with the
 * import run are valid JSON saying the same. Seeds under {@code RosterFuzzTestsInputs/roster/}: the rosters of the
 * network tests.
 */
class RosterFuzzTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest(maxDuration = "2m")
    void roster(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8); // as the upload and the command read it
        long lines = text.lines().count();
        List<ImportProblem> problems = new ArrayList<>();
        List<RosterRow> rows = new ArrayList<>();
        Set<Long> goodLines = new TreeSet<>();
        int rejected = RosterImport.read(new StringReader(text), problems, (line, row) -> {
            goodLines.add(line);
            rows.add(row);
        });
        if (rejected < 0) {
            assertThat(problems)
                    .as("a refused file is said why, at its header or its unclosed quote")
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.line()).isBetween(1L, Math.max(1L, lines)));
            assertThat(rows).isEmpty();
        } else {
            Set<Long> badLines = new TreeSet<>();
            for (ImportProblem p : problems) {
                assertThat(p.line()).as("located: " + p).isBetween(2L, Math.max(2L, lines));
                assertThat(p.field()).as(p.toString()).isIn(fields(text));
                assertThat(p.reason()).as(p.toString()).isNotBlank();
                badLines.add(p.line());
            }
            assertThat(badLines).as("one rejected row per line with problems").hasSize(rejected);
            assertThat(Collections.disjoint(badLines, goodLines))
                    .as("a line is either taken or rejected")
                    .isTrue();
        }
        for (RosterRow row : rows) {
            assertThat(row.npi()).matches("\\d{10}");
            assertThat(RosterRow.validNpi(row.npi())).isTrue();
            assertThat(row.zip()).matches("\\d{5}");
            assertThat(RosterRow.PRODUCT_LINES).contains(row.productLine());
            assertThat(row.lastName()).isNotBlank();
            assertThat(row.groupName()).isNotBlank();
            assertThat(row.address()).isNotBlank();
            if (row.effective() != null && row.end() != null) {
                assertThat(row.end()).isAfterOrEqualTo(row.effective());
            }
            for (Object field : List.of(
                    row.lastName(),
                    row.firstName(),
                    row.groupName(),
                    row.address(),
                    row.city(),
                    row.locationName(),
                    String.valueOf(row.credential()),
                    String.valueOf(row.licenseNumber()),
                    String.valueOf(row.phone()),
                    row.languages().toString())) {
                assertThat(field.toString()).as("PostgreSQL text holds no NUL").doesNotContain("\u0000");
            }
        }
        String json = RosterImport.problemsJson(problems);
        assertThat(json).as("jsonb refuses the escape of NUL").doesNotContain("\\u0000");
        JsonNode kept = JSON.readTree(json);
        assertThat(kept.size()).isEqualTo(Math.min(problems.size(), 1000));
        for (int i = 0; i < kept.size(); i++) {
            assertThat(kept.get(i).get("line").asLong())
                    .isEqualTo(problems.get(i).line());
            assertThat(kept.get(i).get("field").asString())
                    .isEqualTo(problems.get(i).field());
            assertThat(kept.get(i).get("reason").asString())
                    .isEqualTo(problems.get(i).reason());
        }
    }

    /** A problem names a column of the layout, a column of the file's own header, or the whole row. */
    private static List<String> fields(String text) {
        List<String> fields = new ArrayList<>(RosterRow.COLUMNS);
        fields.add("row");
        try {
            var records = org.commonweal.platform.Csv.read(new StringReader(text));
            if (!records.isEmpty()) {
                records.getFirst().values().forEach(c -> fields.add(c.strip().toLowerCase(Locale.ROOT)));
            }
        } catch (org.commonweal.platform.Csv.Malformed | java.io.IOException unreadable) {
            // no header to name columns from
        }
        return fields;
    }
}
