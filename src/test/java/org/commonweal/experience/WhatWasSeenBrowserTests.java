package org.commonweal.experience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The points of #22's "What was seen" that no other browser test shows gone (see the table in docs/experience.md):
 * each assertion here fails on the behaviour the issue saw.
 */
@IntegrationTest
class WhatWasSeenBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Centers centers;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start(JourneysBrowserTests.DESKTOP, 768);
        Files.createDirectories(JourneysBrowserTests.SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String base() {
        return "http://localhost:" + port;
    }

    void open(String path) {
        browser.get(base() + path);
        BrowserSupport.waitFor(browser)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The colour classes the tiles of the map use. */
    static List<String> tileClasses() {
        return browser.findElements(By.cssSelector("#insights-map rect.insights-tile-box")).stream()
                .map(e ->
                        e.getAttribute("class").replace("insights-tile-box", "").trim())
                .toList();
    }

    @Test
    void insightsMapsLegendsAndCompareReadAtAGlance() throws Exception {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), "analyst", "demo-password");
        open("/insights?lang=en");
        // the legend no longer repeats "0.3 – 0.3": no two classes read the same, none reads "x – x"
        List<String> legend = texts("#insights-legend li span");
        assertThat(legend).doesNotHaveDuplicates();
        assertThat(legend).noneMatch(l -> l.matches("(.+) – \\1"));
        // every shade on the tiles is in the legend
        var legendClasses = new HashSet<>(browser.findElements(By.cssSelector("#insights-legend rect")).stream()
                .map(e -> e.getAttribute("class"))
                .toList());
        assertThat(legendClasses).containsAll(tileClasses());

        // a diverging scale for gaps: difference from the county, five classes about 0 with two hues
        open("/insights?lang=en&measure=members&level=spa&colour=gap");
        BrowserSupport.fullPageScreenshot(
                browser, JourneysBrowserTests.SCREENSHOTS.resolve("insights-gap-desktop.png"));
        assertThat(browser.findElement(By.id("insights-gap-note")).getText()).contains("Difference from the county");
        List<String> gapLegend = texts("#insights-legend li span");
        assertThat(gapLegend.getFirst()).startsWith("\u2212");
        assertThat(gapLegend.get(2)).matches("\u2212[0-9.,]+ \u2026 \\+[0-9.,]+|0\\.0");
        assertThat(tileClasses()).allMatch(c -> c.matches("insights-d[0-4]|insights-cs|insights-cn"));
        var gapLegendClasses = new HashSet<>(browser.findElements(By.cssSelector("#insights-legend rect")).stream()
                .map(e -> e.getAttribute("class"))
                .toList());
        assertThat(gapLegendClasses).containsAll(tileClasses());
        assertThat(texts("#insights-table td.insights-gap")).anyMatch(t -> t.matches("[+\u2212]?[0-9.,]+"));
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();

        // compare refuses an area against itself, and draws a chart beside the table otherwise
        open("/insights/compare?lang=en&measure=members&level=spa&a=2&b=2");
        assertThat(browser.findElements(By.id("compare-table"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#b.is-invalid")).isDisplayed())
                .isTrue();
        open("/insights/compare?lang=en&measure=members&level=spa&a=2&b=3");
        assertThat(browser.findElements(By.id("compare-table"))).hasSize(1);
        assertThat(browser.findElements(By.id("compare-chart"))).hasSize(1);

        // the CSV keeps numbers as numbers: no thousands separators or percent signs in the figures
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/insights/export.csv?measure=members&level=spa&group=all&period=current')
                  .then(r => r.text()).then(done)""");
        assertThat(csv.lines().skip(1).toList())
                .isNotEmpty()
                .noneMatch(l -> l.matches(".*\"[0-9]+,[0-9]{3}.*"))
                .noneMatch(l -> l.contains("%"));
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    @Test
    void memberLandsOnTheirHomeAfterSignIn() {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), "member", "demo-password");
        // "/" answers a member with the member home (a forward: the address stays "/")
        assertThat(browser.findElements(By.id("member-welcome"))).hasSize(1);
        assertThat(browser.findElements(By.id("member-coverage"))).hasSize(1);
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    @Test
    void backToSearchKeepsTheQueryAndEachOfficeIsListedOnce() {
        browser.manage().deleteAllCookies();
        open("/find-a-doctor?lang=en&near=Pasadena&miles=10&specialty=207Q00000X&sort=name");
        browser.get(browser.findElement(By.cssSelector(".provider-card a[href*='/find-a-doctor/providers/']"))
                .getAttribute("href"));
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("back-to-search")).isEmpty());
        // the same office used to be listed once per plan
        List<String> offices = texts("#offices .office");
        assertThat(offices).doesNotHaveDuplicates();
        // directions from every office, and the hospital affiliations line
        assertThat(browser.findElements(By.cssSelector("#offices .directions-link")))
                .hasSize(offices.size());
        assertThat(browser.findElements(By.id("hospitals"))).hasSize(1);
        browser.get(browser.findElement(By.id("back-to-search")).getAttribute("href"));
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("near=Pasadena"));
        assertThat(browser.getCurrentUrl()).contains("specialty=207Q00000X").contains("sort=name");
    }

    @Test
    void waitlistedPeopleGetNoQrCodeAndSeatedPeopleGetThatSessionsCalendarEntry() throws Exception {
        browser.manage().deleteAllCookies();
        // new people on every run: the test database outlives a run
        long run = System.currentTimeMillis();
        long session = jdbc.sql("""
                select id from centers.class_session where starts_at > now() + interval '2 days'
                and status = 'scheduled' and taken < capacity order by starts_at limit 1""").query(Long.class).single();
        var seated = centers.register(
                session,
                new NewParticipant(
                        ParticipantKind.COMMUNITY,
                        null,
                        "Ana",
                        "Seated" + run,
                        null,
                        "ana.seated+" + run + "@example.org",
                        "90033",
                        "en",
                        true,
                        null),
                RegistrationChannel.PUBLIC,
                "test");
        assertThat(seated.status()).isEqualTo(RegistrationStatus.REGISTERED);
        open("/centers/registrations/" + seated.confirmationCode() + "?lang=en");
        assertThat(browser.findElement(By.id("registration-address")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("registration-map")).getAttribute("href"))
                .isNotBlank();
        assertThat(browser.findElement(By.id("registration-ics")).getAttribute("href"))
                .endsWith("/centers/registrations/" + seated.confirmationCode() + "/session.ics");
        assertThat(browser.findElements(By.id("confirmation-qr"))).hasSize(1);

        // fill the session so the next person is waitlisted
        int capacity = jdbc.sql("select capacity from centers.class_session where id = ?")
                .param(session)
                .query(Integer.class)
                .single();
        jdbc.sql("update centers.class_session set capacity = taken where id = ?")
                .param(session)
                .update();
        try {
            var waiting = centers.register(
                    session,
                    new NewParticipant(
                            ParticipantKind.COMMUNITY,
                            null,
                            "Bea",
                            "Waiting" + run,
                            null,
                            "bea.waiting+" + run + "@example.org",
                            "90033",
                            "en",
                            true,
                            null),
                    RegistrationChannel.PUBLIC,
                    "test");
            assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);
            open("/centers/registrations/" + waiting.confirmationCode() + "?lang=en");
            BrowserSupport.fullPageScreenshot(
                    browser, JourneysBrowserTests.SCREENSHOTS.resolve("class-waitlisted-desktop.png"));
            assertThat(browser.findElements(By.id("confirmation-qr"))).isEmpty();
            assertThat(browser.findElements(By.id("registration-ics"))).isEmpty();
            assertThat(browser.findElement(By.id("registration-keep-waitlisted"))
                            .getText())
                    .isNotBlank();
        } finally {
            jdbc.sql("update centers.class_session set capacity = ? where id = ?")
                    .params(capacity, session)
                    .update();
            centers.cancel(seated.confirmationCode(), "test");
        }
    }
}
