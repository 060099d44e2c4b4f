package org.commonweal.network.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Find a Doctor on a phone-sized screen: the filters fold away so the first result is near the top, and a search by
 * neighbourhood survives opening a doctor and coming back, by the page's link and by the browser's Back.
 */
@IntegrationTest
class FindADoctorPhoneBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start(390, 844);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    WebDriverWait waitFor() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @Test
    void onAPhoneTheResultsComeFirstAndTheSearchSurvivesAVisitToADoctor() {
        browser.manage().deleteAllCookies();
        String search = "/find-a-doctor?lang=en&specialty=207Q00000X&near=Pasadena&miles=20";
        browser.get("http://localhost:" + port + search);
        var first = browser.findElement(By.cssSelector("#results .result"));
        // before: about 1,050 px down, below ten filters; now within the first screen
        assertThat(first.getRect().getY()).isLessThan(844);
        assertThat(browser.findElement(By.id("language")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.cssSelector("#results .phone-link")).getAttribute("href"))
                .startsWith("tel:+1");
        browser.findElement(By.id("more-filters-toggle")).click();
        waitFor().until(d -> d.findElement(By.id("language")).isDisplayed());
        browser.findElement(By.id("more-filters-toggle")).click();
        waitFor().until(d -> !d.findElement(By.id("language")).isDisplayed());

        // open the first doctor, come back by the page's link: the neighbourhood is still there
        var link = browser.findElement(By.cssSelector("#results .result a"));
        String doctor = link.getText();
        // followed by its address (a tap on a phone; a click here can be intercepted while the filters fold)
        browser.get(link.getAttribute("href"));
        waitFor().until(d -> !d.findElements(By.id("provider-name")).isEmpty());
        assertThat(browser.findElement(By.id("provider-name")).getText()).isEqualTo(doctor);
        browser.findElement(By.id("back-to-search")).click();
        waitFor()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("find-form")).isEmpty()
                        && "Pasadena".equals(d.findElement(By.id("near")).getAttribute("value")));
        assertThat(browser.getCurrentUrl()).contains("near=Pasadena").contains("specialty=207Q00000X");
        assertThat(browser.findElements(By.cssSelector("#results .result"))).isNotEmpty();

        // and by the browser's Back from a doctor's page
        browser.get(browser.findElement(By.cssSelector("#results .result a")).getAttribute("href"));
        waitFor().until(d -> !d.findElements(By.id("provider-name")).isEmpty());
        browser.navigate().back();
        waitFor()
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.id("near")).isEmpty()
                        && "Pasadena".equals(d.findElement(By.id("near")).getAttribute("value")));
        assertThat(browser.findElements(By.cssSelector("#results .result"))).isNotEmpty();
    }
}
