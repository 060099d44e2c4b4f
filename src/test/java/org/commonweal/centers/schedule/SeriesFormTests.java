package org.commonweal.centers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesFormTests {

    static final SeriesForm.Choices CHOICES = new SeriesForm.Choices(
            List.of("pomona", "east-la"),
            List.of("Main room", "Kitchen"),
            List.of("zumba", "cooking"),
            List.of("en", "es", "ko"));

    static SeriesForm good() {
        return new SeriesForm(
                "east-la",
                "cooking",
                "Healthy cooking",
                "Cocina saludable",
                "es",
                "Rosa",
                "Kitchen",
                "16",
                "everyone",
                "2026-12-01T18:00",
                "90",
                "FREQ=WEEKLY;BYDAY=TU,TH",
                "2027-01-31");
    }

    @Test
    void aCompleteFormHasNoProblemsAndBecomesASeries() {
        assertThat(good().check(CHOICES)).isEmpty();
        var series = good().toSeries(3, 4);
        assertThat(series.capacity()).isEqualTo(16);
        assertThat(series.firstStart()).hasToString("2026-12-01T18:00");
        assertThat(series.rrule()).isEqualTo("FREQ=WEEKLY;BYDAY=TU,TH");
    }

    @Test
    void aBrokenRuleIsReportedOnTheRuleFieldNamingThePart() {
        var form = new SeriesForm(
                "east-la",
                "cooking",
                "T",
                "T",
                "es",
                "Rosa",
                "Kitchen",
                "16",
                "everyone",
                "2026-12-01T18:00",
                "90",
                "FREQ=WEEKLY;BYDAY=XX",
                "2027-01-31");
        assertThat(form.check(CHOICES))
                .containsOnlyKeys("rrule")
                .extractingByKey("rrule")
                .asString()
                .contains("BYDAY 'XX' is not a weekday");
        var yearly = new SeriesForm(
                "east-la",
                "cooking",
                "T",
                "T",
                "es",
                "Rosa",
                "Kitchen",
                "16",
                "everyone",
                "2026-12-01T18:00",
                "90",
                "FREQ=YEARLY",
                "2027-01-31");
        assertThat(yearly.check(CHOICES).get("rrule")).contains("FREQ 'YEARLY'");
    }

    @Test
    void everyWrongFieldIsNamedAtOnce() {
        var form = new SeriesForm(
                "east-la", "", " ", "T", "tlh", "", "Gym", "0", "pets", "tomorrow", "3", "", "2026-11-01");
        assertThat(form.check(CHOICES))
                .containsOnlyKeys(
                        "program",
                        "titleEn",
                        "language",
                        "instructor",
                        "room",
                        "capacity",
                        "eligibility",
                        "start",
                        "duration",
                        "rrule");
        assertThat(form.check(CHOICES).get("room")).contains("'Gym' is not a room of this center");
        assertThat(form.check(CHOICES).get("capacity")).isEqualTo("must be between 1 and 1000");
    }

    @Test
    void theEndMustFollowTheStartWithinTwoYears() {
        var before = new SeriesForm(
                "east-la",
                "cooking",
                "T",
                "T",
                "es",
                "Rosa",
                "Kitchen",
                "16",
                "everyone",
                "2026-12-01T18:00",
                "90",
                "FREQ=WEEKLY;BYDAY=TU",
                "2026-11-01");
        assertThat(before.check(CHOICES)).containsEntry("until", "is before the first session");
        var far = new SeriesForm(
                "east-la",
                "cooking",
                "T",
                "T",
                "es",
                "Rosa",
                "Kitchen",
                "16",
                "everyone",
                "2026-12-01T18:00",
                "90",
                "FREQ=MONTHLY;BYMONTHDAY=31",
                "2029-01-01");
        assertThat(far.check(CHOICES)).containsEntry("until", "is more than two years after the first session");
    }
}
