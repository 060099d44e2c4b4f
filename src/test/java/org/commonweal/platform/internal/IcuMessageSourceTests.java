package org.commonweal.platform.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.commonweal.platform.TestPlans;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

class IcuMessageSourceTests {

    private static final Locale ES = Locale.forLanguageTag("es");

    private final MessageSource messages = new MessagesConfiguration()
            .messageSource(TestPlans.plan(
                    "Plan",
                    "PLAN",
                    "P1",
                    java.time.ZoneId.of("America/New_York"),
                    java.util.Currency.getInstance("USD"),
                    "New York",
                    "36061",
                    "61",
                    "NY",
                    "New York"));

    @Test
    void countsTakeThePluralOfTheLanguage() {
        assertThat(messages.getMessage("centers.session.seats", new Object[] {1}, Locale.ENGLISH))
                .isEqualTo("1 seat left");
        assertThat(messages.getMessage("centers.session.seats", new Object[] {2}, Locale.ENGLISH))
                .isEqualTo("2 seats left");
        assertThat(messages.getMessage("centers.session.seats", new Object[] {1}, ES))
                .isEqualTo("Queda 1 lugar");
        assertThat(messages.getMessage("centers.session.seats", new Object[] {2}, ES))
                .isEqualTo("Quedan 2 lugares");
        assertThat(messages.getMessage("network.manager.roster.result", new Object[] {1, 0}, ES))
                .isEqualTo("1 fila aplicada, 0 rechazadas.");
        assertThat(messages.getMessage("housing.hmis.applied", new Object[] {1200}, Locale.ENGLISH))
                .isEqualTo("1,200 rows applied.");
    }

    @Test
    void javaStyleMessagesReadAsBefore() {
        // choice formats, plain arguments and doubled apostrophes keep their meaning under ICU
        assertThat(messages.getMessage("network.find.offices", new Object[] {1}, Locale.ENGLISH))
                .isEqualTo("One office");
        assertThat(messages.getMessage("network.find.offices", new Object[] {3}, Locale.ENGLISH))
                .isEqualTo("3 offices");
        assertThat(messages.getMessage("places.notfound", new Object[] {"99999"}, Locale.ENGLISH))
                .isEqualTo("ZIP 99999 is not in our service area.");
        assertThat(messages.getMessage("code.boolean.true", null, ES)).isEqualTo("Sí");
    }

    @Test
    void everyMessageOfEveryBundleIsAValidIcuPattern() throws Exception {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (var file : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            Properties bundle = new Properties();
            try (var reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
                bundle.load(reader);
            }
            for (String key : bundle.stringPropertyNames()) {
                String value = bundle.getProperty(key);
                if (!value.contains("{")) {
                    continue;
                }
                checked++;
                try {
                    new MessageFormat(value, Locale.ENGLISH);
                } catch (IllegalArgumentException e) {
                    broken.add(file.getFilename() + " " + key + ": " + e.getMessage());
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
        assertThat(broken).isEmpty();
    }
}
