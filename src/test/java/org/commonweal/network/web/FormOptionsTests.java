package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormOptionsTests {

    @Test
    void escapesValuesAndLabelsAndMarksTheSelectedOne() {
        var options = List.of(
                new DirectoryListings.Option("a", "St. Mary's & \"Good\" <Samaritan>"),
                new DirectoryListings.Option("b\"", "Español"));
        assertThat(FormOptions.html(options, "b\""))
                .isEqualTo("<option value=\"a\">St. Mary&#39;s &amp; &quot;Good&quot; &lt;Samaritan&gt;</option>"
                        + "<option value=\"b&quot;\" selected=\"selected\">Español</option>");
        assertThat(FormOptions.html(options, null)).doesNotContain("selected");
    }
}
