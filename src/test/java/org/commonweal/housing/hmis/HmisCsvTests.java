package org.commonweal.housing.hmis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HMIS dialect on the platform's CSV: values travel unchanged, as the receiving HMIS must store them. */
class HmisCsvTests {

    @Test
    void writesHmisValuesAndReadsThemBackUnchangedWithoutTheSpreadsheetApostrophe() throws Exception {
        String line = HmisCsv.line(Arrays.asList(
                "-Ortiz",
                "=Lee, Jr.",
                "two\nlines",
                "say \"hi\"",
                null,
                LocalDate.of(2026, 1, 31),
                LocalDateTime.of(2026, 1, 31, 8, 5, 9),
                true,
                false,
                99));
        assertThat(line).endsWith("\r\n").startsWith("-Ortiz,\"=Lee, Jr.\"");
        assertThat(HmisCsv.parse(new StringReader(line)).getFirst())
                .containsExactly(
                        "-Ortiz",
                        "=Lee, Jr.",
                        "two\nlines",
                        "say \"hi\"",
                        "",
                        "2026-01-31",
                        "2026-01-31 08:05:09",
                        "1",
                        "0",
                        "99");
    }

    @Test
    void readsAByteOrderMarkedFileAndRefusesAnUnclosedQuoteNamingTheLine() throws Exception {
        List<List<String>> rows = HmisCsv.parse(new StringReader("\uFEFFPersonalID,FirstName\r\n1,Ana\r\n"));
        assertThat(rows).containsExactly(List.of("PersonalID", "FirstName"), List.of("1", "Ana"));
        assertThatThrownBy(() -> HmisCsv.parse(new StringReader("PersonalID,FirstName\r\n1,\"Ana\r\n2,Ben\r\n")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("line 2:");
    }
}
