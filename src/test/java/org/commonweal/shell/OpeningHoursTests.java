package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class OpeningHoursTests {

    private static final Locale ES = Locale.forLanguageTag("es");

    @Test
    void readsTheCentersOsmStyleInEnglishAndSpanish() {
        assertThat(OpeningHours.words("Mo-Fr 09:00-17:00; Sa 09:00-13:00", Locale.ENGLISH))
                .contains("Mon–Fri 9 am–5 pm; Sat 9 am–1 pm");
        assertThat(OpeningHours.words("Mo-Fr 09:00-17:00; Sa 09:00-13:00", ES))
                .contains("lun–vie 9:00–17:00; sáb 9:00–13:00");
    }

    @Test
    void readsTheDirectoryStyleWithHalfHoursAndNoon() {
        assertThat(OpeningHours.words("mon-fri 08:30-12:00;sat 12:00-16:45", Locale.ENGLISH))
                .contains("Mon–Fri 8:30 am–12 pm; Sat 12 pm–4:45 pm");
        assertThat(OpeningHours.words("mon-fri 08:30-12:00", ES)).contains("lun–vie 8:30–12:00");
    }

    @Test
    void readsDayListsAndAllDay() {
        assertThat(OpeningHours.words("Mo,We,Fr 10:00-12:00", Locale.ENGLISH)).contains("Mon, Wed, Fri 10 am–12 pm");
        assertThat(OpeningHours.words("mon-sun 00:00-24:00", Locale.ENGLISH)).contains("Mon–Sun 0:00–24:00");
    }

    @Test
    void leavesOtherFormsToTheCaller() {
        assertThat(OpeningHours.words("by appointment", Locale.ENGLISH)).isEmpty();
        assertThat(OpeningHours.words("Mo-Fr 9-5", Locale.ENGLISH)).isEmpty();
        assertThat(OpeningHours.words("", Locale.ENGLISH)).isEmpty();
        assertThat(OpeningHours.words(null, Locale.ENGLISH)).isEmpty();
    }
}
