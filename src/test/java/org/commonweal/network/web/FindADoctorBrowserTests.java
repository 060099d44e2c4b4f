package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A member finds a doctor in a real browser, in English and in Spanish. */
@IntegrationTest
class FindADoctorBrowserTests {

    static WebDriver browser;

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

    @Test
    void findsAPediatricianNearAZipInEnglishThenInSpanish() {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/find-a-doctor?lang=en");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Find a Doctor");
        // each change re-renders the live form (htmx), so let one change land before making the next
        new Select(browser.findElement(By.id("specialty"))).selectByValue("208000000X");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> d.getCurrentUrl().contains("specialty=208000000X"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.id("near")).sendKeys("90012");
                    return true;
                });
        // the filters are live (htmx): the change above may be re-rendering the form while we click
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.id("find-submit")).click();
                    return true;
                });
        // htmx may swap the results once more after the form's own navigation: read them inside a wait
        List<String> results = new WebDriverWait(browser, Duration.ofSeconds(60))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    var found = d.findElements(By.cssSelector("#results .result"));
                    return found.isEmpty() || !d.getCurrentUrl().contains("specialty=208000000X")
                            ? null
                            : found.stream().map(WebElement::getText).toList();
                });
        assertThat(results).allSatisfy(result -> assertThat(result).containsIgnoringCase("pediatric"));

        new WebDriverWait(browser, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    d.findElement(By.cssSelector("#results .result a")).click();
                    return true;
                });
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> !d.findElements(By.id("provider-name")).isEmpty());
        assertThat(browser.findElement(By.id("report-error")).getText()).contains("Report an error");

        browser.findElement(By.id("lang-es")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(d -> d.getCurrentUrl().contains("lang=es"));
        assertThat(browser.findElement(By.id("report-error")).getText()).contains("Reportar un error");
        browser.get("http://localhost:" + port + "/find-a-doctor?specialty=208000000X&near=90012&miles=20");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Buscar un médico");
        assertThat(browser.findElement(By.id("results")).getText()).contains("Pediatra");
    }

    @Test
    void typingInTheLiveFormKeepsTheTextWhileResultsArrive() {
        browser.manage().deleteAllCookies();
        browser.get("http://localhost:" + port + "/find-a-doctor?lang=en&specialty=207Q00000X");
        WebElement name = browser.findElement(By.id("name"));
        name.sendKeys("gar");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains("name=gar"));
        // htmx swapped only the results: the field is the same element, still holding what was typed
        name.sendKeys("cia");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(d -> d.getCurrentUrl().contains("name=garcia"));
        assertThat(name.getAttribute("value")).isEqualTo("garcia");
        assertThat(browser.findElement(By.id("find-form")).isDisplayed()).isTrue();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.cssSelector("#results .result")).isEmpty()
                        || !d.findElements(By.id("no-results")).isEmpty());
    }
}
