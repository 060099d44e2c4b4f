package org.commonweal.quality.supplemental;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A lab upload's report as the job table keeps it (JSON): a reason keeps its line, field, key and arguments and reads
 * in English or Spanish from the bundles; a report stored before reasons had keys (plain English strings) still reads.
 */
class SupplementalLineReasonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Locale SPANISH = Locale.forLanguageTag("es");

    private final ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();

    {
        messages.setBasenames("classpath:i18n/quality");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @Test
    void aReasonComesBackFromTheJobTableInTheReadersLanguage() {
        var report = new SupplementalCsv.Report(
                7,
                1,
                1,
                List.of(
                        new SupplementalCsv.LineReason(4, "loinc", "loinc", List.of("4548-5")),
                        new SupplementalCsv.LineReason(1234, null, "fieldCount", List.of("7", "5"))),
                null);
        var read = JSON.readValue(JSON.writeValueAsString(report), SupplementalCsv.Report.class);
        assertThat(read).isEqualTo(report);
        assertThat(read.rejects())
                .extracting(r -> r.text(messages, Locale.ENGLISH))
                .containsExactly(
                        "line 4: loinc: not a LOINC code (NNNNN-N with its check digit): '4548-5'",
                        "line 1234: 7 fields expected, 5 found");
        assertThat(read.rejects())
                .extracting(r -> r.text(messages, SPANISH))
                .containsExactly(
                        "línea 4: loinc: no es un código LOINC (NNNNN-N con su dígito de control): '4548-5'",
                        "línea 1234: se esperaban 7 campos y hay 5");
    }

    @Test
    void aReportStoredWithPlainReasonsStillReads() {
        var read = JSON.readValue("""
                {"sourceId":1,"stored":2,"members":1,"rejects":["line 3: loinc: not a LOINC code"],
                 "refusal":"line 1: the header must be member_id,cin"}""", SupplementalCsv.Report.class);
        assertThat(read.rejects().getFirst().text(messages, Locale.ENGLISH))
                .isEqualTo("line 3: loinc: not a LOINC code");
        assertThat(read.refusal().text(messages, SPANISH)).isEqualTo("línea 1: the header must be member_id,cin");
    }
}
