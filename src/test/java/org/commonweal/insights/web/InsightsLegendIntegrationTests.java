package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The analyst's map over real HTTP: the legend's classes are the tiles' classes and read differently from one
 * another; compare will not set an area against itself.
 */
@IntegrationTest
class InsightsLegendIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void everyTileShadeIsInTheLegendAndNoTwoClassesReadTheSame() throws Exception {
        var analyst = new SignedInClient(port, "analyst", "demo-password");
        for (String query : List.of("", "?level=rcac", "?measure=center-visits&level=rcac")) {
            String html = analyst.page("/insights" + query);
            Map<String, String> legend = new LinkedHashMap<>();
            var bins = Pattern.compile("<rect width=\"14\" height=\"14\" class=\"(insights-c[0-9])\"></rect></svg> "
                            + "<span>([^<]+)</span>")
                    .matcher(html);
            while (bins.find()) {
                assertThat(legend.put(bins.group(1), bins.group(2)))
                        .as(query + " one legend entry per shade")
                        .isNull();
            }
            List<String> tiles = new ArrayList<>();
            var tile = Pattern.compile("class=\"insights-tile-box (insights-c[0-9])\"")
                    .matcher(html);
            while (tile.find()) {
                tiles.add(tile.group(1));
            }
            assertThat(tiles).as(query).isNotEmpty();
            assertThat(legend.keySet())
                    .as(query + ": every shade on the map is explained")
                    .containsAll(tiles);
            assertThat(legend.values()).as(query).doesNotHaveDuplicates().noneMatch(label -> {
                String[] ends = label.split(" – ");
                return ends.length == 2 && ends[0].equals(ends[1]);
            });
        }
    }

    @Test
    void compareRefusesAnAreaAgainstItself() throws Exception {
        var analyst = new SignedInClient(port, "analyst", "demo-password");
        var same = analyst.send("/insights/compare?a=3&b=3");
        assertThat(same.statusCode()).isEqualTo(400);
        assertThat(same.body())
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#b\"",
                        "id=\"b-error\"",
                        "Second area: choose an area other than")
                .doesNotContain("id=\"compare-table\"");
        assertThat(analyst.page("/insights/compare?a=3&b=4"))
                .contains("id=\"compare-table\"")
                .doesNotContain("id=\"error-summary\"");
    }
}
