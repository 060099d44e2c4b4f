package org.commonweal.grants.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole journey in a real browser (Debian Chromium, headless, no downloads): an organization registers and
 * applies (save and return, attachment, submit); staff screen it and assign two reviewers; one declares a conflict
 * and is recused, the other scores; staff recommend it and the Board approves the slate; the award is paid in two
 * tranches; the grantee submits the reports; staff accept them and close the award.
 */
@IntegrationTest
class GrantsJourneyBrowserTests {

    static WebDriver driver;
    static Path profile;

    @LocalServerPort
    int port;

    @Value("${commonweal.demo.password:demo-password}")
    String demoPassword;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void startBrowser() throws Exception {
        profile = Files.createTempDirectory("grants-chromium");
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
                "--window-size=1280,2000",
                "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void anOrganizationRegistersAppliesIsReviewedWithARecusalApprovedPaidInTwoTranchesReportsAndCloses()
            throws Exception {
        String tag = String.valueOf(System.nanoTime() % 1_000_000);
        String login = "clinic" + tag;
        String password = "journey-password-" + tag;
        String title = "Imaging upgrade " + tag;
        String secondReviewer = "reviewer" + tag;
        accounts.create(new UserAccounts.NewUserAccount(
                secondReviewer, "Second Reviewer", password, EnumSet.of(Role.GRANT_REVIEWER)));

        // register and apply
        go("/grants/register");
        type("r-ein", String.format("55-%07d", Long.parseLong(tag)));
        type("r-name", "Journey Community Clinic " + tag);
        new Select(by("r-type")).selectByValue("COMMUNITY_CLINIC");
        type("r-contact", "Rosa Diaz");
        type("r-email", "rosa@example.org");
        type("r-username", login);
        type("r-password", password);
        click("register-submit");
        assertThat(text("grants-done")).contains("registered");

        signIn(login, password);
        go("/grants/my");
        click("apply-TRANQUADA-" + (java.time.LocalDate.now().getYear() + 1));
        type("a-title", title);
        type("a-requested", "150000");
        type("a-answer-0", "We serve 9,000 members in SPA 6.");
        type("a-answer-1", "Replace the X-ray unit by June.");
        click("save-draft");
        assertThat(text("grants-done")).contains("saved");
        go("/grants/my");
        follow(title);
        assertThat(by("a-answer-1").getAttribute("value")).isEqualTo("Replace the X-ray unit by June.");
        Path pdf = Files.createTempFile("budget", ".pdf");
        Files.writeString(pdf, "%PDF-1.4 budget narrative");
        by("a-file").sendKeys(pdf.toString());
        click("upload");
        assertThat(text("attachments")).contains(".pdf");
        type("a-answer-2", "Patients imaged and wait times.");
        type("b-category-0", "Equipment");
        type("b-description-0", "Digital X-ray unit");
        type("b-amount-0", "150000");
        click("submit-application");
        assertThat(text("application-status")).isEqualTo("Submitted");
        long applicationId = jdbc.sql("select id from grants.application where title = ?")
                .param(title)
                .query(Long.class)
                .single();

        // screening and reviewers
        signIn("grants-officer", demoPassword);
        go("/grants/staff/applications/" + applicationId);
        click("screen-in");
        // reviewers are picked from the active reviewer logins
        new Select(by("reviewer")).selectByValue("grant-reviewer");
        click("assign-reviewer");
        new Select(by("reviewer")).selectByValue(secondReviewer);
        click("assign-reviewer");
        assertThat(text("assignments")).contains("grant-reviewer").contains(secondReviewer);

        signIn("grant-reviewer", demoPassword);
        go("/grants/reviews");
        follow(title);
        type("conflict-reason", "I sit on the clinic's board");
        click("declare-conflict");
        assertThat(text("assignment-status")).isEqualTo("Recused");
        assertThat(driver.findElements(By.id("score-form"))).isEmpty();

        signIn(secondReviewer, password);
        go("/grants/reviews");
        follow(title);
        click("declare-none");
        for (String criterion : new String[] {"1-need", "2-plan", "3-equity", "4-budget"}) {
            type("score-" + criterion, "4");
        }
        click("submit-scores");
        assertThat(text("assignment-status")).isEqualTo("Completed");

        // recommendation and Board approval
        signIn("grants-officer", demoPassword);
        go("/grants/staff/applications/" + applicationId);
        assertThat(text("score-summary")).contains("2 reviewers assigned, 1 recused, 1 completed");
        click("recommend");
        String meetingId = new Select(by("meeting")).getFirstSelectedOption().getAttribute("value");
        type("recommended", "150000");
        click("place-on-slate");
        go("/grants/staff/board/" + meetingId);
        assertThat(text("slate-table")).contains(title);
        type("motion", "Approve the Tranquada Safety Net Awards slate");
        click("board-approve");
        assertThat(text("board-actions")).contains("Approve the Tranquada");
        long awardId = jdbc.sql("select id from grants.award where application_id = ?")
                .param(applicationId)
                .query(Long.class)
                .single();
        // the Board's default start is 30 days after its action and nothing is paid before the grant period starts:
        // this agreement starts the grant today
        jdbc.sql("update grants.award set starts_on = current_date where id = ?")
                .param(awardId)
                .update();

        // two tranches
        go("/grants/staff/awards/" + awardId);
        type("t-amount", "75000");
        type("t-milestone", "Agreement signed");
        click("schedule-tranche");
        type("t-amount", "75000");
        type("t-milestone", "Interim report accepted");
        click("schedule-tranche");
        click("approve-1");
        click("approve-2");
        // separation of duties: a second grants officer marks the payments made
        String treasurer = "treasurer" + tag;
        accounts.create(new UserAccounts.NewUserAccount(
                treasurer, "Second Officer", password, EnumSet.of(Role.GRANTS_OFFICER)));
        signIn(treasurer, password);
        go("/grants/staff/awards/" + awardId);
        click("pay-1");
        assertThat(text("pay-amount")).isEqualTo("$75,000.00");
        click("confirm-pay");
        click("pay-2");
        click("confirm-pay");
        assertThat(text("paid-total")).isEqualTo("$150,000.00");

        // reports
        signIn(login, password);
        go("/grants/my/awards/" + awardId);
        for (String kind : new String[] {"INTERIM", "FINAL", "FINANCIAL"}) {
            type("narrative-" + kind, "The X-ray unit is in service; 540 patients imaged.");
            type("spent-" + kind, "150000");
            click("submit-report-" + kind);
            assertThat(text("grants-done")).contains("Report submitted");
        }

        // acceptance and closeout
        signIn("grants-officer", demoPassword);
        go("/grants/staff/awards/" + awardId);
        for (String kind : new String[] {"INTERIM", "FINAL", "FINANCIAL"}) {
            click("accept-" + kind);
        }
        type("o-indicator", "Patients imaged");
        type("o-target", "500");
        type("o-actual", "540");
        click("save-outcome");
        type("close-note", "All reports accepted");
        click("close-award");
        assertThat(text("award-status")).isEqualTo("Closed");
    }

    /**
     * A grants officer sets up a cycle that requires a letter of intent (a field error first, then the fix); an
     * organization that has not sent a letter is refused; it sends one, staff invite it, and two colleagues of the
     * organization write the application together (save and return for each, who edited what) and submit it.
     */
    @Test
    void anOfficerOpensALetterOfIntentCycleAndTwoColleaguesApplyAfterTheInvitation() throws Exception {
        String tag = String.valueOf(System.nanoTime() % 1_000_000);
        String code = "LOI-" + tag;
        String first = "ana" + tag;
        String second = "ben" + tag;
        String password = "journey-password-" + tag;
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));

        // the officer sets up the cycle; a ceiling below the floor is named next to the field
        signIn("grants-officer", demoPassword);
        go("/grants/staff");
        click("catalog-link");
        click("new-cycle");
        new Select(by("f-programId")).selectByValue("4");
        type("f-code", code);
        type("f-title", "Street Medicine " + tag);
        type("f-titleEs", "Medicina callejera " + tag);
        type("f-summary", "Street medicine teams.");
        type("f-summaryEs", "Equipos de medicina callejera.");
        setValue("f-opensOn", today.minusDays(1).toString());
        setValue("f-closesOn", today.plusDays(60).toString());
        type("f-envelope", "1000000");
        type("f-awardFloor", "50000");
        type("f-awardCeiling", "10000");
        type("f-expectedAwards", "6");
        type("f-eligibility", "Organizations serving people experiencing homelessness.");
        type("f-questions", "Who do you serve?\nWhat will the team do?");
        by("f-loiRequired").click();
        setValue("f-loiClosesOn", today.plusDays(10).toString());
        click("save-cycle");
        assertThat(text("e-awardCeiling")).contains("cannot be below the floor");
        assertThat(by("f-awardCeiling").getAttribute("class")).contains("is-invalid");
        assertThat(by("f-code").getAttribute("value")).isEqualTo(code);
        type("f-awardCeiling", "200000");
        click("save-cycle");
        assertThat(text("grants-done")).contains("saved");
        long cycleId = jdbc.sql("select id from grants.funding_cycle where code = ?")
                .param(code)
                .query(Long.class)
                .single();

        // an organization registers; its first grantee adds a colleague
        go("/grants/register");
        type("r-ein", String.format("66-%07d", Long.parseLong(tag)));
        type("r-name", "Street Care Collaborative " + tag);
        new Select(by("r-type")).selectByValue("NON_PROFIT");
        type("r-contact", "Ana Flores");
        type("r-email", "ana" + tag + "@example.org");
        type("r-username", first);
        type("r-password", password);
        click("register-submit");
        signIn(first, password);
        go("/grants/my");
        click("my-colleagues");
        type("c-name", "Ben Okafor");
        type("c-email", "ben" + tag + "@example.org");
        type("c-username", second);
        type("c-password", password);
        click("add-colleague");
        assertThat(text("contacts")).contains(first).contains(second);

        // no letter yet: the application is refused with the reason; the letter goes in
        go("/grants/my");
        click("apply-" + code);
        assertThat(text("grants-error")).contains("requires a letter of intent");
        click("loi-" + code);
        type("l-title", "Skid Row street medicine " + tag);
        type("l-requested", "100000");
        type("l-summary", "Two street medicine teams, five days a week.");
        click("send-letter");
        assertThat(text("letter-status")).isEqualTo("Letter sent, awaiting review");

        // staff invite the organization
        signIn("grants-officer", demoPassword);
        long letterId = jdbc.sql("select id from grants.letter_of_intent where cycle_id = ?")
                .param(cycleId)
                .query(Long.class)
                .single();
        go("/grants/staff/cycles/" + cycleId);
        click("invite-" + letterId);
        assertThat(text("letters")).contains("Invited to apply");

        // the first colleague starts the application (from the letter) and saves part of it
        signIn(first, password);
        go("/grants/my");
        assertThat(text("loi-status-" + code)).isEqualTo("Invited to apply");
        click("apply-" + code);
        String title = "Skid Row street medicine " + tag;
        assertThat(by("a-title").getAttribute("value")).isEqualTo(title);
        type("a-answer-0", "Unsheltered people on Skid Row.");
        click("save-draft");
        assertThat(text("grants-done")).contains("saved");
        String applicationPath = new java.net.URI(driver.getCurrentUrl()).getPath();

        // the second colleague returns to it, sees the first's work and adds the rest
        signIn(second, password);
        go("/grants/my");
        follow(title);
        assertThat(by("a-answer-0").getAttribute("value")).isEqualTo("Unsheltered people on Skid Row.");
        type("a-answer-1", "Two teams, five days a week, with a nurse and a peer navigator.");
        type("b-category-0", "Personnel");
        type("b-description-0", "Nurse and peer navigator");
        type("b-amount-0", "100000");
        click("save-draft");
        assertThat(text("grants-done")).contains("saved");

        // the first colleague sees both names in the history and submits
        signIn(first, password);
        go(applicationPath);
        assertThat(by("a-answer-1").getAttribute("value")).startsWith("Two teams");
        assertThat(text("edits"))
                .contains(first)
                .contains(second)
                .contains("answer 2")
                .contains("budget");
        click("submit-application");
        assertThat(text("application-status")).isEqualTo("Submitted");
    }

    /** Date and time inputs take their value in the browser's own format when typed; set the ISO value instead. */
    private void setValue(String id, String value) {
        ((org.openqa.selenium.JavascriptExecutor) driver)
                .executeScript("arguments[0].value = arguments[1];", by(id), value);
    }

    private void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        go("/login");
        type("username", username);
        type("password", password);
        click("login-submit");
        assertThat(driver.findElements(By.id("account-link")))
                .as("signed in as " + username)
                .isNotEmpty();
    }

    private void follow(String linkText) {
        WebElement e = driver.findElement(By.linkText(linkText));
        e.click();
        // stalenessOf, but Chromium sometimes reports a node gone from the document as an inspector error instead
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException other) {
                if (String.valueOf(other.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw other;
            }
        });
    }

    private void go(String path) {
        driver.get("http://localhost:" + port + path);
    }

    private WebElement by(String id) {
        return driver.findElement(By.id(id));
    }

    private void type(String id, String text) {
        WebElement e = by(id);
        e.clear();
        e.sendKeys(text);
    }

    /** Every click here submits a form or follows a link: wait until the old page is gone. */
    private void click(String id) {
        WebElement e = by(id);
        e.click();
        // stalenessOf, but Chromium sometimes reports a node gone from the document as an inspector error instead
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try {
                e.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException other) {
                if (String.valueOf(other.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw other;
            }
        });
    }

    private String text(String id) {
        return by(id).getText().trim();
    }
}
