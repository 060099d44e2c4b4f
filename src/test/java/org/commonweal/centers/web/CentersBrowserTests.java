package org.commonweal.centers.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A real browser (Debian's headless Chromium, no downloads) registers for a class on the public site in Spanish, and
 * checks in at a center's kiosk with the confirmation code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CentersBrowserTests {

    static WebDriver browser;

    @LocalServerPort int port;
    @Autowired SeriesScheduler scheduler;
    @Autowired SessionQueries queries;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws Exception {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("centers-chromium"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private long session(LocalDateTime start, int minutes) {
        int center = jdbc.sql("select id from centers.center where code = 'lynwood'").query(Integer.class).single();
        int program = jdbc.sql("select id from centers.program where code = 'yoga'").query(Integer.class).single();
        long series = scheduler.create(new SeriesScheduler.NewSeries(center, program, "Browser yoga", "Yoga del navegador",
                "es", "Elena", "Main room", 10, "everyone", start, minutes, "FREQ=DAILY;COUNT=1"), start.toLocalDate());
        return queries.seriesSessions(series).getFirst().id();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @Test
    void aResidentRegistersInSpanishAndChecksInAtTheKioskWithTheCode() {
        // a session later today at Lynwood, so the kiosk accepts the code
        LocalDateTime start = LocalDate.now(SessionQueries.ZONE).atTime(23, 0);
        long id = session(start, 59);

        browser.get(url("/centers/sessions/" + id + "?lang=es"));
        assertThat(browser.findElement(By.cssSelector("h1")).getText()).isEqualTo("Yoga del navegador");
        browser.findElement(By.id("kind-bsp")).click();
        browser.findElement(By.id("firstName")).sendKeys("Marisol");
        browser.findElement(By.id("lastName")).sendKeys("Navegador");
        browser.findElement(By.id("phone")).sendKeys("(310) 555-0142");
        browser.findElement(By.id("register-submit")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("confirmation-code")));
        assertThat(browser.findElement(By.id("registration-status")).getText()).contains("Está inscrito");
        String code = browser.findElement(By.id("confirmation-code")).getText();
        assertThat(code).matches("[A-Z2-9]{8}");

        // staff open the kiosk on the center's device
        browser.get(url("/login"));
        browser.findElement(By.id("username")).sendKeys("center-staff");
        browser.findElement(By.id("password")).sendKeys("demo-password");
        browser.findElement(By.id("login-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        browser.get(url("/centers/kiosk/lynwood?lang=es"));
        browser.findElement(By.id("confirmation")).sendKeys(code.toLowerCase());
        browser.findElement(By.id("kiosk-submit")).click();

        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("kiosk-result")));
        assertThat(browser.findElement(By.id("kiosk-result")).getText()).contains("Yoga del navegador");
        assertThat(jdbc.sql("select status from centers.registration where confirmation_code = ?").param(code)
                .query(String.class).single()).isEqualTo("attended");

        // a wrong code is refused kindly
        browser.findElement(By.id("confirmation")).sendKeys("ZZZZ2222");
        browser.findElement(By.id("kiosk-submit")).click();
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("kiosk-result"), "No encontramos"));
    }
}
