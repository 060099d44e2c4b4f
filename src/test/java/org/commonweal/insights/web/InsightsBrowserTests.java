package org.commonweal.insights.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An analyst in a real browser chooses a measure and a level on the insights map; every tile of the map shows the
 * same figure as its row in the table beside it.
 */
@IntegrationTest
class InsightsBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Value("${commonweal.demo.password:demo-password}")
    String demoPassword;

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

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Each tile's value equals its table row's rate (or count, for a measure without a rate). */
    private void assertMapMatchesTable(int areas) {
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.cssSelector("#insights-map g.insights-tile"))
                        .isEmpty());
        List<WebElement> tiles = browser.findElements(By.cssSelector("#insights-map g.insights-tile"));
        List<WebElement> rows = browser.findElements(By.cssSelector("#insights-table tbody tr"));
        assertThat(tiles).hasSize(areas);
        assertThat(rows).hasSize(areas);
        int withFigures = 0;
        for (WebElement tile : tiles) {
            String area = tile.getAttribute("data-area");
            WebElement row = browser.findElement(By.cssSelector("#insights-table tbody tr[data-area='" + area + "']"));
            String rate = row.findElement(By.cssSelector("td.insights-rate")).getText();
            String count = row.findElement(By.cssSelector("td.insights-count")).getText();
            String expected = rate.isEmpty() ? count : rate;
            assertThat(tile.getAttribute("data-value")).as("tile " + area).isEqualTo(expected);
            List<WebElement> texts = tile.findElements(By.tagName("text"));
            assertThat(texts.getLast().getText()).as("label of tile " + area).isEqualTo(expected);
            if (expected.matches(".*[0-9].*") && !expected.contains("–")) {
                withFigures++;
            }
        }
        assertThat(withFigures).as("the demo data gives real figures").isPositive();
    }

    @Test
    void choosingAMeasureAndALevelRedrawsTheMapAndTheTableAgrees() throws Exception {
        BrowserSupport.signIn(browser, url(""), "analyst", demoPassword);
        browser.get(url("/insights"));
        assertMapMatchesTable(8);
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();

        new Select(browser.findElement(By.id("measure"))).selectByValue("center-visits");
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("measure=center-visits"));
        assertThat(browser.findElement(By.id("view-heading")).getText()).contains("Center visits");
        assertMapMatchesTable(8);

        new Select(browser.findElement(By.id("level"))).selectByValue("rcac");
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("level=rcac"));
        assertMapMatchesTable(11);
        assertThat(browser.findElement(By.id("insights-table")).getText()).contains("Long Beach");

        java.nio.file.Files.copy(
                ((org.openqa.selenium.TakesScreenshot) browser)
                        .getScreenshotAs(org.openqa.selenium.OutputType.FILE)
                        .toPath(),
                java.nio.file.Path.of("target", "insights-map.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        new Select(browser.findElement(By.id("measure"))).selectByValue("grant-dollars");
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("measure=grant-dollars"));
        assertMapMatchesTable(11);
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
    }
}
