package org.commonweal.experience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.identity.Role;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The public and member journeys of #22 in a real browser at desktop (1366 × 768) and phone (390 × 844) size:
 * Find a Doctor and a provider page, a class confirmation, the member home and ID card. Each page gets axe-core
 * (no serious or critical violation) and a full-page screenshot under {@code target/screenshots/} for review; staff
 * headers for every role must fit on one line at 1366 px.
 */
@IntegrationTest
class JourneysBrowserTests {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final int DESKTOP = 1366;
    static final int PHONE = 390;

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Centers centers;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start(DESKTOP, 768);
        // a shared, loaded machine: the first /insights render took over 30 s there (load average 25-55)
        browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(90));
        Files.createDirectories(SCREENSHOTS);
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

    void size(int width) {
        browser.manage().window().setSize(new Dimension(width, width == PHONE ? 844 : 768));
    }

    /** Opens the page, checks it with axe and saves a screenshot of the whole page; returns its problems. */
    List<String> visit(String path, String name, int width) throws Exception {
        size(width);
        browser.get(base() + path);
        BrowserSupport.waitFor(browser)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        List<String> problems = new ArrayList<>();
        for (String v : BrowserSupport.seriousAccessibilityViolations(browser)) {
            problems.add(name + " @" + width + ": " + v);
        }
        screenshot(name + "-" + (width == PHONE ? "phone" : "desktop"));
        return problems;
    }

    /** The whole page: the window is made as tall as the document for the shot, then put back. */
    static void screenshot(String name) throws Exception {
        BrowserSupport.fullPageScreenshot(browser, SCREENSHOTS.resolve(name + ".png"));
    }

    @Test
    void publicJourneysReadWellAndPassAxeAtDesktopAndPhoneSize() throws Exception {
        browser.manage().deleteAllCookies();
        String provider = jdbc.sql("""
                select p.id from network.practitioner p join network.practitioner_role r on r.practitioner_id = p.id
                 where p.active and not p.suppressed and r.active and not r.suppressed and r.specialty = '207Q00000X'
                 group by p.id having count(distinct r.location_id) >= 2 order by p.id limit 1""").query(String.class).single();
        long session = jdbc.sql("""
                select id from centers.class_session where starts_at > now() + interval '2 days'
                and status = 'scheduled' and taken < capacity order by starts_at limit 1""").query(Long.class).single();
        var registration = centers.register(
                session,
                new NewParticipant(
                        ParticipantKind.COMMUNITY,
                        null,
                        "Rosa",
                        "Journey",
                        null,
                        "rosa.journey@example.org",
                        "90033",
                        "en",
                        true,
                        null),
                RegistrationChannel.PUBLIC,
                "test");
        List<String> problems = new ArrayList<>();
        for (int width : List.of(DESKTOP, PHONE)) {
            problems.addAll(visit("/?lang=en", "home", width));
            problems.addAll(
                    visit("/find-a-doctor?near=Pasadena&miles=10&specialty=207Q00000X", "find-a-doctor", width));
            int cards = browser.findElements(By.cssSelector(".provider-card")).size();
            assertThat(cards).isPositive();
            // the map is drawn from the list's data by Leaflet (its tiles are not needed: no network here)
            size(width);
            browser.get(base() + "/find-a-doctor?near=Pasadena&miles=10&specialty=207Q00000X");
            BrowserSupport.waitFor(browser)
                    .until(d -> !d.findElements(
                                    By.cssSelector("#results-map.leaflet-container path.leaflet-interactive"))
                            .isEmpty());
            assertThat(browser.findElements(By.cssSelector("#results-map path.leaflet-interactive")))
                    .hasSizeGreaterThanOrEqualTo(cards);
            problems.addAll(visit("/find-a-doctor/providers/" + provider, "provider", width));
            assertThat(browser.findElements(By.cssSelector("#offices .office"))).hasSizeGreaterThanOrEqualTo(2);
            problems.addAll(visit("/find-a-doctor/providers/" + provider + "?lang=es", "provider-es", width));
            problems.addAll(visit("/centers/classes?lang=en", "classes", width));
            problems.addAll(
                    visit("/centers/registrations/" + registration.confirmationCode(), "class-confirmation", width));
            assertThat(browser.findElement(By.id("registration-address")).getText())
                    .isNotBlank();
        }
        centers.cancel(registration.confirmationCode(), "test");
        assertThat(problems).isEmpty();
    }

    @Test
    void theMemberJourneyReadsWellAndPassesAxe() throws Exception {
        browser.manage().deleteAllCookies();
        size(DESKTOP);
        BrowserSupport.signIn(browser, base(), "member", "demo-password");
        List<String> problems = new ArrayList<>();
        for (int width : List.of(DESKTOP, PHONE)) {
            problems.addAll(visit("/my?lang=en", "member-home", width));
            problems.addAll(visit("/my/coverage/id-card?lang=en", "member-id-card", width));
            assertThat(browser.findElement(By.id("id-card-back")).isDisplayed()).isTrue();
            problems.addAll(visit("/my/coverage/id-card?lang=es", "member-id-card-es", width));
        }
        size(DESKTOP);
        browser.get(base() + "/?lang=en");
        BrowserSupport.signOut(browser);
        assertThat(problems).isEmpty();
    }

    /** The height of the page's header bar in px. */
    static double headerHeight() {
        return ((Number) ((JavascriptExecutor) browser)
                        .executeScript("return document.querySelector('header nav').getBoundingClientRect().height"))
                .doubleValue();
    }

    @Test
    void everyStaffHeaderFitsOnOneLineAt1366Pixels() throws Exception {
        List<String> tooTall = new ArrayList<>();
        for (Role role : Role.values()) {
            browser.manage().deleteAllCookies();
            size(DESKTOP);
            BrowserSupport.signIn(browser, base(), role.demoUsername(), "demo-password");
            browser.get(base() + "/?lang=es");
            for (String lang : List.of("en", "es")) {
                browser.get(base() + "/?lang=" + lang);
                double header = headerHeight();
                // one line: the brand row (logo 32 px + padding) and nothing wrapped below it
                if (header > 64) {
                    tooTall.add(role + " " + lang + ": " + header + " px");
                }
                if (lang.equals("en")) {
                    screenshot("header-" + role.demoUsername());
                }
            }
            // and on every area the header offers the role (inline and under "More"): the same one line there
            @SuppressWarnings("unchecked")
            List<String> areas = (List<String>) ((JavascriptExecutor) browser)
                    .executeScript("return [...new Set(Array.from(document.querySelectorAll('#area-nav [data-nav]'))"
                            + ".map(a => a.getAttribute('href')))]");
            for (String area : areas) {
                browser.get(base() + area + (area.contains("?") ? "&" : "?") + "lang=en");
                double header = headerHeight();
                if (header > 64) {
                    tooTall.add(role + " en " + area + ": " + header + " px");
                }
            }
            browser.get(base() + "/?lang=en");
            BrowserSupport.signOut(browser);
        }
        assertThat(tooTall).isEmpty();
    }
}
