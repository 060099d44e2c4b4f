package org.commonweal.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A Health Promoter signs in on a phone-sized window (390 × 844, an iPhone 12–15), logs a health fair from the field
 * page, then a contact with a referral made there. Debian's Chromium and chromedriver, nothing downloaded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FieldPageBrowserTests {

    static WebDriver browser;
    static Path profile;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws Exception {
        profile = Files.createTempDirectory("chromium-engagement");
        var options = new ChromeOptions()
                .setBinary("/usr/bin/chromium")
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--no-first-run",
                        "--disable-sync",
                        "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(390, 844));
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aPromoterLogsAnEventAndAReferralOnAPhone() {
        String base = "http://localhost:" + port;
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys("engagement-staff");
        browser.findElement(By.id("password")).sendKeys("demo-password");
        browser.findElement(By.id("login-submit")).click();
        // the sign-in must have landed before the next address is opened (else it races the POST)
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().contains("/login"));
        browser.get(base + "/engagement/field");

        // the signed-in promoter is chosen already; the page fits the phone's width
        String promoterId = new Select(browser.findElement(By.id("promoterId")))
                .getFirstSelectedOption()
                .getAttribute("value");
        assertThat(promoterId)
                .isEqualTo(jdbc.sql("select id::text from engagement.promoter where username = ?")
                        .param("engagement-staff")
                        .query(String.class)
                        .single());
        assertThat(noHorizontalScroll()).isTrue();

        new Select(browser.findElement(By.id("eventType"))).selectByValue("HEALTH_FAIR");
        type("placeName", "Browser test fair at Lynwood Park");
        type("zip", "90262");
        new Select(browser.findElement(By.id("language"))).selectByValue("es");
        click(browser.findElement(By.id("topic-diabetes")));
        click(browser.findElement(By.id("topic-nutrition")));
        type("members", "24");
        type("nonMembers", "9");
        type("age0to17", "5");
        type("age18to64", "20");
        type("age65plus", "8");
        type("materialsCount", "40");
        click(browser.findElement(By.id("save-event")));

        WebElement saved =
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("event-saved")));
        assertThat(saved.isDisplayed()).isTrue();
        var event = jdbc.sql("""
                select spa, attendees_members + attendees_nonmembers, recorded_by from engagement.outreach_event
                where place_name = 'Browser test fair at Lynwood Park' order by id desc limit 1""")
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getInt(2), rs.getString(3)})
                .single();
        assertThat(event).containsExactly(6, 33, "engagement-staff");

        type("c-personName", "Lucía Hernández");
        type("c-phone", "(310) 555-0199");
        new Select(browser.findElement(By.id("c-language"))).selectByValue("es");
        new Select(browser.findElement(By.id("c-referralKind"))).selectByValue("ENROLLMENT_HELP");
        type("c-referralTarget", "Medi-Cal renewal");
        click(browser.findElement(By.id("save-contact")));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("contact-saved")));
        assertThat(jdbc.sql("""
                select r.kind from engagement.referral r join engagement.contact c on c.id = r.contact_id
                where c.person_name = 'Lucía Hernández' order by r.id desc limit 1""").query(String.class).single()).isEqualTo("ENROLLMENT_HELP");
        assertThat(noHorizontalScroll()).isTrue();
    }

    private boolean noHorizontalScroll() {
        Object fits = ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    private void type(String id, String text) {
        WebElement element = browser.findElement(By.id(id));
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.clear();
        element.sendKeys(text);
    }

    private void click(WebElement element) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});", element);
        element.click();
    }
}
