package org.commonweal.housing.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A case manager's day in a real browser (Debian Chromium, no downloads): sign in, open the caseload, open a client,
 * read a protected note, record a contact, add a task and finish it, look at the funding chart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousingCaseManagerDayBrowserTests {

    @LocalServerPort
    int port;

    WebDriver driver;
    WebDriverWait wait;

    @BeforeAll
    void startBrowser() throws Exception {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1400,1000", "--user-data-dir=" + Files.createTempDirectory("housing-chromium"));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void caseManagersDay() {
        driver.get(url("/login"));
        driver.findElement(By.id("username")).sendKeys("case-manager");
        driver.findElement(By.id("password")).sendKeys("demo-password");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        driver.get(url("/housing"));
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-client='1'] a")));
        assertThat(driver.findElements(By.cssSelector("#caseload-table tbody tr[data-client]"))).hasSizeGreaterThan(3);
        String name = row.getText();
        click(row);
        wait.until(ExpectedConditions.textToBe(By.id("client-name"), name));

        // a protected note is fetched (and audited) only on request
        WebElement show = driver.findElement(By.cssSelector("#contact-list .show-note"));
        String slot = "note-slot-" + show.findElement(By.xpath("..")).getAttribute("data-service");
        assertThat(driver.findElement(By.id(slot)).getText()).isEmpty();
        click(show);
        wait.until(d -> !d.findElement(By.id(slot)).getText().isBlank());

        // record today's contact
        new Select(driver.findElement(By.id("contact-type"))).selectByValue("health-navigation");
        driver.findElement(By.id("contact-minutes")).clear();
        driver.findElement(By.id("contact-minutes")).sendKeys("40");
        driver.findElement(By.id("contact-note")).sendKeys("Went with client to the clinic; new inhaler.");
        driver.findElement(By.id("contact-next")).sendKeys("Check refill in two weeks");
        click(driver.findElement(By.id("contact-save")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("contact-list"), "Check refill in two weeks"));
        assertThat(driver.findElement(By.cssSelector("#contact-list li")).getText())
                .contains(LocalDate.now().toString()).contains("Health navigation").contains("40");

        // add a task, then finish it
        driver.findElement(By.id("task-title")).sendKeys("Pick up refill with client");
        ((JavascriptExecutor) driver).executeScript("document.getElementById('task-due').value = arguments[0]",
                LocalDate.now().plusDays(14).toString());
        click(driver.findElement(By.id("task-add")));
        WebElement task = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//li[@data-task][.//span[text()='Pick up refill with client']]")));
        String taskId = task.getAttribute("data-task");
        click(task.findElement(By.cssSelector("button.task-done")));
        wait.until(d -> d.findElement(By.cssSelector("li[data-task='" + taskId + "']"))
                .findElements(By.cssSelector("button.task-done")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("li[data-task='" + taskId + "'] .text-decoration-line-through"))
                .getText()).isEqualTo("Pick up refill with client");

        // the funding picture: Chart.js drew the chart of the state grant
        driver.get(url("/housing/funding"));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "return typeof Chart !== 'undefined' && Chart.getChart('chart-STATE-RENT') !== undefined"));
        assertThat(driver.findElement(By.cssSelector("[data-total='STATE-RENT']")).getText()).contains("20,000,000");
    }
}
