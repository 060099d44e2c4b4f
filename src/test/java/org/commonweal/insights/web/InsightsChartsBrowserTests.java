package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * #22: compare and trends read at a glance in a real browser: a bar chart and a line chart (Chart.js from WebJars)
 * drawn with exactly the figures of the table beside them, which stays on the page as the accessible alternative.
 */
@IntegrationTest
class InsightsChartsBrowserTests {

    static WebDriver browser;
    static boolean signedIn;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        if (!signedIn) {
            BrowserSupport.signIn(browser, "http://localhost:" + port, "analyst", "demo-password");
            signedIn = true;
        }
        browser.get("http://localhost:" + port + path);
    }

    /** The data of the chart drawn on the canvas: one list per dataset, as numbers (null for a gap). */
    @SuppressWarnings("unchecked")
    private static List<List<Object>> chartData(String canvasId) {
        BrowserSupport.waitFor(browser).until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript(
                        "return typeof Chart !== 'undefined' && !!Chart.getChart(document.getElementById(arguments[0]));",
                        canvasId));
        return (List<List<Object>>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return Chart.getChart(document.getElementById(arguments[0])).data.datasets.map(d => d.data);",
                        canvasId);
    }

    private static List<Object> column(String tableId, String attribute) {
        List<Object> values = new ArrayList<>();
        for (WebElement tr : browser.findElements(By.cssSelector("#" + tableId + " tbody tr"))) {
            String v = tr.getAttribute(attribute);
            values.add(v == null || v.isEmpty() ? null : Double.parseDouble(v));
        }
        return values;
    }

    private static List<Object> numbers(List<Object> drawn) {
        return drawn.stream()
                .map(v -> v == null ? null : (Object) ((Number) v).doubleValue())
                .toList();
    }

    @Test
    void compareDrawsABarChartOfTheTablesFigures() {
        open("/insights/compare?measure=members&a=3&b=6");
        List<List<Object>> data = chartData("compare-chart");
        assertThat(data).hasSize(3);
        assertThat(browser.findElement(By.id("compare-table")).isDisplayed()).isTrue();
        // suppressed figures are gaps (null) in the chart, as they are "*" in the table; some are shown
        assertThat(column("compare-table", "data-a")).isNotEmpty().anyMatch(java.util.Objects::nonNull);
        assertThat(numbers(data.get(0))).isEqualTo(column("compare-table", "data-a"));
        assertThat(numbers(data.get(1))).isEqualTo(column("compare-table", "data-b"));
        assertThat(numbers(data.get(2))).isEqualTo(column("compare-table", "data-county"));
    }

    @Test
    void trendsDrawALineChartOfTheMonthsTableInSpanishToo() {
        for (String lang : List.of("en", "es")) {
            open("/insights/trends?measure=members&area=3&lang=" + lang);
            List<List<Object>> data = chartData("trend-chart");
            assertThat(data).hasSize(1);
            List<Object> months = column("trend-months", "data-value");
            assertThat(months).hasSizeGreaterThan(1);
            assertThat(numbers(data.get(0))).isEqualTo(months);
            assertThat(browser.findElement(By.id("trend-chart")).getAttribute("aria-label"))
                    .contains(lang.equals("es") ? "gráfico de líneas" : "line chart");
        }
    }
}
