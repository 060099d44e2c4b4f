package org.commonweal.centers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real browser (Debian's headless Chromium, no downloads) registers for a class on the public site in Spanish, and
 * checks in at a center's kiosk with the confirmation code.
 */
@IntegrationTest
class CentersBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries queries;

    @Autowired
    JdbcClient jdbc;

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

    private long session(LocalDateTime start, int minutes) {
        int center = jdbc.sql("select id from centers.center where code = 'lynwood'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'yoga'")
                .query(Integer.class)
                .single();
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        "Browser yoga",
                        "Yoga del navegador",
                        "es",
                        "Elena",
                        "Main room",
                        10,
                        "everyone",
                        start,
                        minutes,
                        "FREQ=DAILY;COUNT=1"),
                start.toLocalDate());
        return queries.seriesSessions(series).getFirst().id();
    }

    /** Five minutes from now on the wall clock of Los Angeles, in the same day there (waits past midnight if not). */
    static LocalDateTime soonToday() throws InterruptedException {
        var zone = java.time.ZoneId.of("America/Los_Angeles");
        LocalDateTime now = LocalDateTime.now(zone);
        LocalDateTime start = now.plusMinutes(5).withSecond(0).withNano(0);
        if (!start.toLocalDate().equals(now.toLocalDate())) {
            Thread.sleep(Duration.between(now, now.toLocalDate().plusDays(1).atStartOfDay())
                    .plusSeconds(2)
                    .toMillis());
            start = LocalDateTime.now(zone).plusMinutes(5).withSecond(0).withNano(0);
        }
        return start;
    }

    /** Clicks through the DOM: headless Chromium reports long forms' buttons as covered below the fold. */
    private void click(By by) {
        var element = browser.findElement(by);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", element);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @Test
    void aResidentRegistersInSpanishAndChecksInAtTheKioskWithTheCode() throws Exception {
        // a session a few minutes from now, still today at Lynwood: open for registration (a class that has started
        // shows no form) and on today's kiosk list. In the last minutes of a day the test waits for the next one.
        long id = session(soonToday(), 59);

        browser.manage().deleteAllCookies();
        browser.get(url("/centers/sessions/" + id + "?lang=es"));
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Yoga del navegador");
        browser.findElement(By.id("kind-bsp")).click();
        browser.findElement(By.id("firstName")).sendKeys("Marisol");
        browser.findElement(By.id("lastName")).sendKeys("Navegador");
        browser.findElement(By.id("phone")).sendKeys("(310) 555-0142");
        click(By.id("register-submit"));

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation-code")));
        assertThat(browser.findElement(By.id("registration-status")).getText()).contains("Está inscrito");
        String code = browser.findElement(By.id("confirmation-code")).getText();
        assertThat(code).matches("[A-Z2-9]{8}");

        // staff open the kiosk on the center's device
        BrowserSupport.signIn(browser, url(""), "center-staff", "demo-password");
        browser.get(url("/centers/kiosk/lynwood?lang=es"));
        browser.findElement(By.id("confirmation")).sendKeys(code.toLowerCase());
        click(By.id("kiosk-submit"));

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kiosk-result")));
        assertThat(browser.findElement(By.id("kiosk-result")).getText()).contains("Yoga del navegador");
        assertThat(jdbc.sql("select status from centers.registration where confirmation_code = ?")
                        .param(code)
                        .query(String.class)
                        .single())
                .isEqualTo("attended");

        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();

        // a wrong code is refused kindly
        browser.findElement(By.id("confirmation")).sendKeys("ZZZZ2222");
        click(By.id("kiosk-submit"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("kiosk-result"), "No encontramos"));

        // kiosk mode: no staff navigation and no sign-out; the staff page leads back to the kiosk
        assertThat(browser.findElements(By.id("sign-out"))).isEmpty();
        assertThat(browser.findElements(By.id("area-nav"))).isEmpty();
        browser.get(url("/centers/staff"));
        assertThat(browser.getCurrentUrl()).contains("/centers/kiosk/lynwood");
        // leaving takes the staff password
        browser.findElement(By.cssSelector("#kiosk-leave summary")).click();
        browser.findElement(By.id("kiosk-password")).sendKeys("demo-password");
        click(By.id("kiosk-leave-submit"));
        waiting().until(d -> d.getCurrentUrl().contains("/centers/staff"));
        BrowserSupport.signOut(browser);
    }
}
