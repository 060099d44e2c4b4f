package org.commonweal.geography.street;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * #22's "What was seen" in Find a Doctor, walked in a real browser at desktop (1366 × 768) and phone (390 × 844)
 * size with this round's additions: "1600 Vermont Ave" (a street address, with the TIGER/Line layer loaded) and
 * "Pasadena" are taken, the page says what distances are measured from, a blank search says what to enter, results
 * are counted with numbered pages, phones are links, and each office says its accessibility in words; the class form
 * asks before texting. axe-core finds no serious or critical violation; screenshots go to
 * {@code target/screenshots/}.
 */
@IntegrationTest
class FindByStreetBrowserTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int DESKTOP = 1366;
    static final int PHONE = 390;

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    TigerAddressRanges ranges;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start(DESKTOP, 768);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void unload() {
        jdbc.sql("delete from geography.street_range where source = ?")
                .param(StreetGeocoderIntegrationTests.SOURCE)
                .update();
    }

    List<String> visit(String path, String name, int width) throws Exception {
        browser.manage().window().setSize(new Dimension(width, width == PHONE ? 844 : 768));
        browser.get("http://localhost:" + port + path);
        BrowserSupport.waitFor(browser)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        List<String> problems = new ArrayList<>();
        for (String v : BrowserSupport.seriousAccessibilityViolations(browser)) {
            problems.add(name + " @" + width + ": " + v);
        }
        BrowserSupport.fullPageScreenshot(
                browser, SCREENSHOTS.resolve(name + "-" + (width == PHONE ? "phone" : "desktop") + ".png"));
        return problems;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void findADoctorTakesStreetsAndPlacesAndSaysWhatItDidAtBothSizes() throws Exception {
        assertThat(ranges.load(StreetGeocoderIntegrationTests.layer().write(dir, StreetGeocoderIntegrationTests.SOURCE))
                        .exit()
                        .code())
                .isEqualTo(3);
        List<String> problems = new ArrayList<>();
        for (int width : List.of(DESKTOP, PHONE)) {
            // a street address: placed on its street, and the page says so
            problems.addAll(visit(
                    "/find-a-doctor?lang=en&kind=doctor&miles=10&near=" + enc("1650 N Vermont Ave, 90027"),
                    "find-by-street",
                    width));
            assertThat(browser.findElements(By.id("place-unknown"))).isEmpty();
            WebElement origin = browser.findElement(By.id("origin"));
            assertThat(origin.getAttribute("data-origin")).isEqualTo("street");
            assertThat(origin.getText()).contains("1650 N Vermont Ave, 90027").contains("street address");
            assertThat(browser.findElement(By.id("result-count")).getText()).matches("[0-9,]+ found · showing 1–.*");
            assertThat(browser.findElements(By.cssSelector("#result-pages a"))).isNotEmpty();
            assertThat(browser.findElements(By.cssSelector(".provider-card a.phone-link")))
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.getAttribute("href")).startsWith("tel:"));
            assertThat(browser.findElements(By.cssSelector(".provider-card .office-access")))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getText()).startsWith("Accessibility:"));
            // on a phone the first result is on the first screen, not below the filters
            if (width == PHONE) {
                long top = ((Number)
                                ((JavascriptExecutor) browser)
                                        .executeScript(
                                                "return document.querySelector('.provider-card').getBoundingClientRect().top + scrollY"))
                        .longValue();
                assertThat(top).as("first result, px from the top").isLessThan(844 * 2);
            }

            // "1600 Vermont Ave, Los Angeles": N and S Vermont both have that block, so the city's centre stands in
            problems.addAll(visit(
                    "/find-a-doctor?lang=en&kind=doctor&miles=10&near=" + enc("1600 Vermont Ave, Los Angeles"),
                    "find-street-missed",
                    width));
            assertThat(browser.findElement(By.id("origin")).getText())
                    .contains("We could not find that street address on its street")
                    .contains("centre of Los Angeles");

            // a city by name, and a blank search that says what to enter
            visit("/find-a-doctor?lang=en&kind=doctor&miles=10&near=Pasadena", "find-by-city", width);
            assertThat(browser.findElement(By.id("origin")).getText()).contains("centre of Pasadena");
            visit("/find-a-doctor?lang=en&kind=doctor&specialty=&near=&miles=10&name=", "find-blank", width);
            assertThat(browser.findElement(By.id("blank-search")).getText()).isNotBlank();

            // the class form asks before texting, in words
            long session = jdbc.sql("""
                    select id from centers.class_session where starts_at > now() + interval '2 days'
                    and status = 'scheduled' and taken < capacity order by starts_at limit 1""").query(Long.class).single();
            problems.addAll(visit("/centers/sessions/" + session + "?lang=en", "class-form-texts", width));
            assertThat(browser.findElement(By.cssSelector("label[for=textMe]")).getText())
                    .contains("Reply STOP");
            assertThat(browser.findElement(By.id("textMe")).isSelected())
                    .as("never ticked for the person")
                    .isFalse();
        }
        assertThat(problems).isEmpty();
    }
}
