package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.commonweal.platform.TestPlans;
import org.junit.jupiter.api.Test;

class FormatsTests {

    private final Formats la = new Formats(TestPlans.plan(
            "L.A. Care Health Plan",
            "L.A. CARE HEALTH PLAN",
            "LACARE",
            ZoneId.of("America/Los_Angeles"),
            Currency.getInstance("USD"),
            "Los Angeles",
            "06037",
            "19",
            "CA",
            "California"));
    private static final Locale ES = Locale.forLanguageTag("es");

    @Test
    void moneyNeverShowsTheGenericCurrencySign() {
        assertThat(la.money(new BigDecimal("2150"), Locale.ENGLISH)).isEqualTo("$2,150.00");
        assertThat(la.money(new BigDecimal("2150"), ES))
                .doesNotContain("¤")
                .contains("2.150,00")
                .contains("US$");
        var euro = new Formats(TestPlans.plan(
                "X",
                "X",
                "X",
                ZoneId.of("Europe/Madrid"),
                Currency.getInstance("EUR"),
                "Madrid",
                "00028",
                "28",
                "MD",
                "Madrid"));
        assertThat(euro.money(new BigDecimal("10.5"), ES)).contains("10,50").contains("€");
    }

    @Test
    void timesAreOnThePlansWallClockAndDatesInWords() {
        Instant noonUtc = Instant.parse("2026-12-05T20:00:00Z");
        assertThat(la.dateTime(noonUtc, Locale.ENGLISH)).isEqualTo("Dec 5, 2026, 12:00\u202fPM");
        assertThat(la.dateTime(noonUtc, ES)).isEqualTo("5 dic 2026, 12:00");
        assertThat(la.date(LocalDate.of(2026, 1, 31), Locale.ENGLISH)).isEqualTo("Jan 31, 2026");
        // after 4 pm in Los Angeles it is already the next day in UTC
        assertThat(la.date(Instant.parse("2026-12-06T01:00:00Z"), Locale.ENGLISH))
                .isEqualTo("Dec 5, 2026");
        assertThat(la.date(null)).isEmpty();
        org.springframework.context.i18n.LocaleContextHolder.setLocale(ES);
        try {
            assertThat(la.time(noonUtc)).isEqualTo("12:00");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }
}
