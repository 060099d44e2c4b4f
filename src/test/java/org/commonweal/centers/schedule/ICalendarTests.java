package org.commonweal.centers.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ICalendarTests {

    @Test
    void escapesTextAsRfc5545Requires() {
        assertThat(ICalendar.text("Yoga; chairs, mats\\\nfree")).isEqualTo("Yoga\\; chairs\\, mats\\\\\\nfree");
    }

    @Test
    void foldsLongLinesAtSeventyFiveOctetsWithoutSplittingACharacter() {
        StringBuilder out = new StringBuilder();
        ICalendar.line(out, "SUMMARY:" + "Nutrición básica y cocina saludable para toda la familia ".repeat(3));
        String[] lines = out.toString().split("\r\n");
        assertThat(lines.length).isGreaterThan(2);
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        for (int i = 1; i < lines.length; i++) {
            assertThat(lines[i]).startsWith(" ");
        }
        String unfolded = out.toString().replace("\r\n ", "");
        assertThat(unfolded)
                .isEqualTo("SUMMARY:" + "Nutrición básica y cocina saludable para toda la familia ".repeat(3) + "\r\n");
    }
}
