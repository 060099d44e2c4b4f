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
 * read a protected note, record a contact, add a task and finish it, correct the move-in date of the enrollment,
 * schedule and hold a rent payment on the subsidy page, look at the funding chart. The move-in date and the payment
 * are put back afterwards, so the test can run again on the same database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HousingCaseManagerDayBrowserTests {

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    WebDriver driver;
    WebDriverWait wait;
    long enrollmentId;
    LocalDate originalMoveIn;
    Long scheduledPayment;

    @BeforeAll
    void startBrowser() throws Exception {
        var options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--window-size=1400,1000",
                "--user-data-dir=" + Files.createTempDirectory("housing-chromium"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterAll
    void restoreData() {
        if (originalMoveIn != null) {
            jdbc.sql("update housing.enrollment set move_in_date = ? where id = ?")
                    .params(originalMoveIn, enrollmentId)
                    .update();
        }
        if (scheduledPayment != null) {
            jdbc.sql("delete from housing.payment where id = ?")
                    .param(scheduledPayment)
                    .update();
        }
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    void click(WebElement element) {
        ((JavascriptExecutor) driver)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
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
        WebElement row =
                wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-client='1'] a")));
        assertThat(driver.findElements(By.cssSelector("#caseload-table tbody tr[data-client]")))
                .hasSizeGreaterThan(3);
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
        wait.until(
                ExpectedConditions.textToBePresentInElementLocated(By.id("contact-list"), "Check refill in two weeks"));
        assertThat(driver.findElement(By.cssSelector("#contact-list li")).getText())
                .contains(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                        .withLocale(java.util.Locale.ENGLISH)
                        .format(LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"))))
                .contains("Health navigation")
                .contains("40");

        // add a task, then finish it
        driver.findElement(By.id("task-title")).sendKeys("Pick up refill with client");
        ((JavascriptExecutor) driver)
                .executeScript(
                        "document.getElementById('task-due').value = arguments[0]",
                        LocalDate.now().plusDays(14).toString());
        click(driver.findElement(By.id("task-add")));
        // the id is read in the same poll that finds the item: htmx may swap the list right after the add
        String taskId = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    var found =
                            d.findElements(By.xpath("//li[@data-task][.//span[text()='Pick up refill with client']]"));
                    return found.isEmpty() ? null : found.getFirst().getAttribute("data-task");
                });
        click(wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.elementToBeClickable(
                        By.cssSelector("li[data-task='" + taskId + "'] button.task-done"))));
        // one query per poll: htmx replaces the list item, so a found item may go stale between two calls
        wait.until(d -> d.findElements(By.cssSelector("li[data-task='" + taskId + "'] button.task-done"))
                .isEmpty());
        assertThat(driver.findElement(By.cssSelector("li[data-task='" + taskId + "'] .text-decoration-line-through"))
                        .getText())
                .isEqualTo("Pick up refill with client");

        // correct the move-in date of the housing enrollment
        var housed = jdbc.sql("""
                select id, move_in_date from housing.enrollment where client_id = 1 and move_in_date is not null
                order by entry_date desc limit 1""")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, LocalDate.class)})
                .single();
        enrollmentId = (Long) housed[0];
        originalMoveIn = (LocalDate) housed[1];
        LocalDate corrected = originalMoveIn.minusDays(1);
        click(driver.findElement(By.cssSelector("tr[data-enrollment='" + enrollmentId + "'] a.enrollment-edit")));
        WebElement moveIn = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("moveInDate")));
        assertThat(moveIn.getAttribute("value")).isEqualTo(originalMoveIn.toString());
        assertThat(new Select(driver.findElement(By.id("livingSituation")))
                        .getFirstSelectedOption()
                        .getText())
                .as("HUD codes as a select list")
                .matches("\\d+ – .+");
        ((JavascriptExecutor) driver)
                .executeScript("document.getElementById('moveInDate').value = arguments[0]", corrected.toString());
        click(driver.findElement(By.id("enrollment-save")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("tr[data-enrollment='" + enrollmentId + "']"),
                java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                        .withLocale(java.util.Locale.ENGLISH)
                        .format(corrected)));

        // record next month's rent on the subsidy page, then hold it
        long subsidy = jdbc.sql("""
                select min(id) from housing.subsidy where client_id = 1 and funding_source_id = 'STATE-RENT'""").query(Long.class).single();
        click(driver.findElement(
                By.cssSelector("#subsidies a.subsidy-payments[href$='/housing/subsidies/" + subsidy + "']")));
        WebElement month = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("payment-month")));
        String payMonth = month.getAttribute("value");
        assertThat(driver.findElement(By.id("payment-amount")).getAttribute("value"))
                .isNotBlank();
        click(driver.findElement(By.id("payment-schedule")));
        // the month as the page writes it ("Feb 2027"), the input holding it as 2027-02
        String shownMonth = java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.ENGLISH)
                .format(java.time.YearMonth.parse(payMonth));
        By paymentRow = By.xpath(
                "//table[@id='subsidy-payments']//tr[@data-status='scheduled'][td[1][text()='" + shownMonth + "']]");
        WebElement scheduled = wait.until(ExpectedConditions.presenceOfElementLocated(paymentRow));
        scheduledPayment = Long.valueOf(scheduled.getAttribute("data-payment"));
        assertThat(scheduled.findElements(By.cssSelector("button.payment-to-paid")))
                .as("paying is the grants officer's")
                .isEmpty();
        click(scheduled.findElement(By.cssSelector("button.payment-to-held")));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-payment='" + scheduledPayment + "'][data-status='held']")));

        // the funding picture: Chart.js drew the chart of the state grant
        driver.get(url("/housing/funding"));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d)
                .executeScript(
                        "return typeof Chart !== 'undefined' && Chart.getChart('chart-STATE-RENT') !== undefined"));
        assertThat(driver.findElement(By.cssSelector("[data-total='STATE-RENT']"))
                        .getText())
                .contains("20,000,000");
    }
}
