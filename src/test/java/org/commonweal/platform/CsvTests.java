package org.commonweal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class CsvTests {

    @Test
    void neutralisesEveryFormulaStartOwaspLists() {
        for (String formula :
                List.of("=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1+1", "\r=1+1", "=HYPERLINK(\"x\")\nnext")) {
            assertThat(Csv.neutralise(formula))
                    .as(formula)
                    .startsWith("'")
                    .endsWith(formula.substring(formula.length() - 1));
        }
        // the old guard, "^[=+\\-@].*" with matches(), let a formula with a line break through
        assertThat("=1+1\nx".matches("^[=+\\-@].*")).isFalse();
        assertThat(Csv.neutralise("=1+1\nx")).isEqualTo("'=1+1\nx");
    }

    @Test
    void leavesNumbersAndPlainTextAlone() {
        assertThat(Csv.neutralise("-12")).isEqualTo("-12");
        assertThat(Csv.neutralise("3.25")).isEqualTo("3.25");
        assertThat(Csv.neutralise("Los Angeles")).isEqualTo("Los Angeles");
        assertThat(Csv.neutralise("")).isEmpty();
        assertThat(Csv.neutralise(null)).isEmpty();
    }

    @Test
    void writesRfc4180ThatReadsBackToTheSameFields() throws Exception {
        var out = new StringWriter();
        try (var csv = Csv.to(out)) {
            csv.row("name", "note", "n")
                    .row("Pérez, Ana", "said \"hi\"\nthen left", 3)
                    .row(null, "=cmd", -4);
        }
        String text = out.toString();
        assertThat(text).startsWith("name,note,n\r\n").contains("\"Pérez, Ana\"", "\"said \"\"hi\"\"\nthen left\"");
        var records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records).hasSize(3);
        assertThat(records.get(1).toList()).containsExactly("Pérez, Ana", "said \"hi\"\nthen left", "3");
        assertThat(records.get(2).toList()).containsExactly("", "'=cmd", "-4");
    }

    @Test
    void oneLineEndsWithCrLf() {
        assertThat(Csv.line(List.of("a", "b,c"))).isEqualTo("a,\"b,c\"\r\n");
    }

    @Test
    void readsQuotedCommasQuotesAndLineBreaksWholeWithTheLineEachRecordStartsOn() throws Exception {
        String text = "\uFEFFnpi,group_name,address\r\n"
                + "1972583466,\"Boyle Heights IPA, Inc.\",\"2200 E 1st St\nSuite 4\"\r\n"
                + "\r\n"
                + "1659347805,\"The \"\"Clinic\"\"\",1 Main St\n";
        var rows = Csv.read(new java.io.StringReader(text));
        assertThat(rows).extracting(Csv.Row::line).containsExactly(1L, 2L, 4L, 5L);
        assertThat(rows.get(0).values()).containsExactly("npi", "group_name", "address");
        assertThat(rows.get(1).values())
                .containsExactly("1972583466", "Boyle Heights IPA, Inc.", "2200 E 1st St\nSuite 4");
        assertThat(rows.get(2).blank()).isTrue();
        assertThat(rows.get(3).values()).containsExactly("1659347805", "The \"Clinic\"", "1 Main St");
    }

    @Test
    void anUnclosedQuoteIsMalformedAtTheLineItStarts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Csv.read(new java.io.StringReader("a,b\n1,2\n3,\"never closed\n4,5\n")))
                .isInstanceOf(Csv.Malformed.class)
                .hasMessageStartingWith("line 3:");
    }

    @Test
    void whatIsWrittenReadsBackFieldForField() throws Exception {
        var out = new java.io.StringWriter();
        try (var csv = Csv.to(out)) {
            csv.row("a,b", "line\nbreak", "quote \"q\"");
        }
        assertThat(Csv.read(new java.io.StringReader(out.toString())).getFirst().values())
                .containsExactly("a,b", "line\nbreak", "quote \"q\"");
    }
}
