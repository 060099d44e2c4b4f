package org.commonweal.quality.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.commonweal.quality.measure.MeasureCatalog;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;

/** The reasons in words (EN/ES) with the measures' own lookbacks, the due dates, and which gaps are inverse. */
class GapReasonsTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    private static ReloadableResourceBundleMessageSource messages() {
        var source = new ReloadableResourceBundleMessageSource();
        source.setBasenames("classpath:i18n/quality");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void reasonsNameTheLookbackOfEachMeasureInEnglishAndSpanish() {
        var messages = messages();
        // CMS125: "October 1 Two Years Prior to the Measurement Period"
        assertThat(GapReasons.reason(messages, "CMS125", START, Locale.ENGLISH))
                .isEqualTo("No mammogram since October 2024");
        assertThat(GapReasons.reason(messages, "CMS125", START, Locale.forLanguageTag("es")))
                .isEqualTo("No hay mamografía desde octubre 2024");
        // CMS124: cytology from the start of the period - 2 years, HPV - 4 years
        assertThat(GapReasons.reason(messages, "CMS124", START, Locale.ENGLISH))
                .isEqualTo("No Pap test since January 2024 (or, from age 30, HPV test since January 2022)");
        // CMS130: colonoscopy - 9 years, FIT in the period, FIT-DNA - 2 years, CT colonography/sigmoidoscopy - 4
        assertThat(GapReasons.reason(messages, "CMS130", START, Locale.ENGLISH))
                .contains(
                        "no colonoscopy since January 2017",
                        "no stool test (FIT) in 2026",
                        "no FIT-DNA since January 2024",
                        "sigmoidoscopy since January 2022");
        // the year is a year, not a number with a thousands separator
        assertThat(GapReasons.reason(messages, "CMS165", START, Locale.ENGLISH))
                .isEqualTo("No blood pressure reading under 140/90 in 2026: the latest one counts");
        assertThat(GapReasons.reason(messages, "CMS165", START, Locale.forLanguageTag("es")))
                .startsWith("No hay lectura de presión arterial menor de 140/90 en 2026");
        for (var measure : MeasureCatalog.SUPPORTED) {
            for (var locale : new Locale[] {Locale.ENGLISH, Locale.forLanguageTag("es")}) {
                assertThat(messages.getMessage("quality.gap.reason." + measure, null, null, locale))
                        .as(measure + " " + locale)
                        .isNotBlank();
            }
        }
        assertThat(GapReasons.reason(messages, "CMS999", START, Locale.ENGLISH)).isEqualTo("Not yet done in 2026");
    }

    @Test
    void dueByTheEndOfThePeriodOrTheSecondBirthdayForChildhoodImmunizations() {
        assertThat(GapReasons.dueBy("CMS165", START, END, LocalDate.of(1970, 3, 1)))
                .isEqualTo(END);
        assertThat(GapReasons.dueBy("CMS117", START, END, LocalDate.of(2024, 8, 20)))
                .isEqualTo(LocalDate.of(2026, 8, 20));
        assertThat(GapReasons.dueBy("CMS117", START, END, LocalDate.of(2025, 8, 20)))
                .isEqualTo(END);
        assertThat(GapReasons.dueBy("CMS117", START, END, null)).isEqualTo(END);
    }

    @Test
    void anInverseMeasuresGapIsBeingInItsNumerator() {
        var sql = GapReasons.openGapSql("r", "run");
        assertThat(sql)
                .contains("r.numerator = (run.measure_id in ('CMS122'))")
                .contains("not r.denominator_exclusion")
                .contains("not r.denominator_exception");
    }
}
