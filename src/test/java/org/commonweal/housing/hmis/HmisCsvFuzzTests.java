package org.commonweal.housing.hmis;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzing (Jazzer) of the HMIS CSV reader that reads a Continuum's export (each file of an FY2026 set): any text is
 * read into records (quoted fields may hold commas, quotes and line breaks) or refused as not RFC 4180 with the line
 * where the bad record starts, and what the HMIS export writes of those
 * records reads back as the same records, so an export imported again loses nothing. Rows are then checked field by
 * field by {@link HmisImport} (tested against the database by the HMIS integration tests). Seeds under
 * {@code HmisCsvFuzzTestsInputs/csv/}: Client and Enrollment files as the HMIS CSV specification lays them out.
 */
class HmisCsvFuzzTests {

    @FuzzTest(maxDuration = "2m")
    void csv(byte[] input) throws Exception {
        String text = new String(input, StandardCharsets.UTF_8);
        List<List<String>> records;
        try {
            records = HmisCsv.parse(new BufferedReader(new StringReader(text)));
        } catch (java.io.IOException refused) {
            // not RFC 4180 (an unclosed quote, text after a closing quote): refused whole, with the line it starts on
            assertThat(refused.getMessage()).matches("(?s)line \\d+: .+");
            long line = Long.parseLong(
                    refused.getMessage().substring(5, refused.getMessage().indexOf(':')));
            assertThat(line).isBetween(1L, Math.max(1L, text.split("\r\n|\r|\n", -1).length));
            return;
        }
        if (text.isEmpty()) {
            assertThat(records).isEmpty();
            return;
        }
        assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r).isNotEmpty());
        if (text.startsWith("\uFEFF") && !text.startsWith("\uFEFF\uFEFF")) {
            assertThat(records.getFirst().getFirst())
                    .as("the byte order mark is not part of the first column")
                    .doesNotStartWith("\uFEFF");
        }
        if (records.getFirst().getFirst().startsWith("\uFEFF")) {
            return; // a second U+FEFF at the start of a file: read again, it too is taken for a byte-order mark
        }
        StringBuilder written = new StringBuilder();
        records.forEach(r -> written.append(HmisCsv.line(r)));
        List<List<String>> again = HmisCsv.parse(new BufferedReader(new StringReader(written.toString())));
        assertThat(again).as("written by the export and read again").isEqualTo(records);
    }
}
