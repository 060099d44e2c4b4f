package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one error experience in a real browser (#18), in English and in Spanish, on a form of each module that has
 * one: the form comes back with what was typed, the error summary at the top has the focus and links to each field,
 * and each field carries its own message.
 */
@IntegrationTest
class ErrorSummaryBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

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

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void as(Role role) {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, url(""), role.demoUsername(), "demo-password");
    }

    private static void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks the element (in the page's script, as the other browser tests do: the sticky navbar may cover it). */
    private static void click(WebElement element) {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].click()", element);
    }

    private static void submit(String formId) {
        click(browser.findElement(By.cssSelector("#" + formId + " button[type=submit]")));
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("error-summary")).isEmpty());
    }

    /** The summary has the focus and its first link leads to the field. */
    private static String summaryLeadingTo(String inputId) {
        WebElement summary = browser.findElement(By.id("error-summary"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(summary);
        WebElement link = summary.findElement(By.cssSelector("a[href='#" + inputId + "']"));
        assertThat(link.isDisplayed()).isTrue();
        return summary.getText();
    }

    @Test
    void coverageMemberCorrectionInEnglishAndSpanish() {
        as(Role.MEMBER_SERVICES);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/members/DEMO-MEMBER-1?lang=" + lang));
            type("c-zip", "9003");
            type("c-phone", "abc");
            type("c-reason", "mudanza");
            submit("correction-form");
            String summary = summaryLeadingTo("c-zip");
            assertThat(summary)
                    .contains(
                            lang.equals("en") ? "There is a problem" : "Hay un problema",
                            lang.equals("en")
                                    ? "ZIP code: enter a 5-digit ZIP code"
                                    : "Código postal: escriba un código postal de 5 dígitos",
                            lang.equals("en") ? "Phone: enter a US phone number" : "Teléfono: escriba un teléfono");
            assertThat(browser.findElement(By.id("c-zip")).getAttribute("value"))
                    .isEqualTo("9003");
            assertThat(browser.findElement(By.id("zip-error")).getText()).isNotBlank();
        }
    }

    @Test
    void centersPublicRegistrationInEnglishAndSpanish() {
        browser.manage().deleteAllCookies();
        long session = jdbc.sql("select id from centers.class_session where starts_at > now() + interval '1 day' "
                        + "and status = 'scheduled' order by id limit 1")
                .query(Long.class)
                .single();
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/centers/sessions/" + session + "?lang=" + lang));
            click(browser.findElement(By.id("kind-community")));
            type("firstName", "Ana");
            type("email", "foo@");
            submit("register-form");
            String summary = summaryLeadingTo("lastName");
            assertThat(summary)
                    .contains(
                            lang.equals("en") ? "Last name: enter a value" : "Apellido: escriba un valor",
                            lang.equals("en")
                                    ? "Email: enter an email address"
                                    : "Correo electrónico: escriba un correo");
            assertThat(browser.findElement(By.id("firstName")).getAttribute("value"))
                    .isEqualTo("Ana");
        }
    }

    @Test
    void engagementMeetingSchedulingInEnglishAndSpanish() {
        as(Role.ENGAGEMENT_STAFF);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/engagement/committees/RCAC-8?lang=" + lang));
            click(browser.findElement(By.cssSelector("#schedule-meeting summary")));
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("document.getElementById('mt-startsAt').value = '2019-03-01T18:00';");
            submit("meeting-form");
            String summary = summaryLeadingTo("mt-startsAt");
            assertThat(summary)
                    .contains(
                            lang.equals("en")
                                    ? "Date and time of the meeting: enter a date between"
                                    : "Fecha y hora de la reunión: escriba una fecha entre");
        }
    }

    @Test
    void housingSubsidyPaymentInEnglishAndSpanish() {
        as(Role.ADMIN);
        long subsidy = jdbc.sql("select id from housing.subsidy order by id limit 1")
                .query(Long.class)
                .single();
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/housing/subsidies/" + subsidy + "?lang=" + lang));
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("document.getElementById('payment-month').value = '2026-06';");
            type("payment-amount", "900000");
            submit("payment-form");
            String summary = summaryLeadingTo("payment-reason");
            assertThat(summary)
                    .contains(
                            lang.equals("en") ? "is more than the monthly assistance" : "es más que la ayuda mensual");
        }
    }

    @Test
    void grantsBoardMeetingInEnglishAndSpanish() {
        as(Role.GRANTS_OFFICER);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/grants/staff/board?lang=" + lang));
            submit("board-meeting-form");
            String summary = summaryLeadingTo("m-date");
            assertThat(summary)
                    .contains(
                            lang.equals("en")
                                    ? "Date of the meeting: enter a value"
                                    : "Fecha de la reunión: escriba un valor");
        }
    }

    @Test
    void adequacyAlternativeStandardInEnglishAndSpanish() {
        as(Role.NETWORK_MANAGER);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/adequacy/standards?lang=" + lang));
            type("a-zip", "9003");
            type("a-miles", "10");
            type("a-minutes", "30");
            type("a-approvalReference", "DHCS-AAS-TEST");
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("document.getElementById('a-approvedOn').value = '2026-01-15';"
                            + "document.getElementById('a-effectiveFrom').value = '2026-01-01';");
            submit("alternative-form");
            String summary = summaryLeadingTo("a-zip");
            assertThat(summary)
                    .contains(
                            lang.equals("en")
                                    ? "ZIP code: enter a 5-digit ZIP code"
                                    : "Código postal: escriba un código postal de 5 dígitos");
            assertThat(browser.findElement(By.id("a-zip")).getAttribute("value"))
                    .isEqualTo("9003");
            assertThat(browser.findElement(By.id("a-approvalReference")).getAttribute("value"))
                    .isEqualTo("DHCS-AAS-TEST");
            assertThat(browser.findElement(By.id("zip-error")).getText()).isNotBlank();
        }
    }

    @Test
    void networkListingErrorReportInEnglishAndSpanish() {
        browser.manage().deleteAllCookies();
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/find-a-doctor/providers/pr-1?lang=" + lang));
            type("report-contact", "ana@example.org");
            submit("report-form");
            String summary = summaryLeadingTo("report-description");
            assertThat(summary)
                    .contains(
                            lang.equals("en")
                                    ? "What is wrong, in your words: enter a value"
                                    : "Qué está mal, en sus palabras: escriba un valor");
            assertThat(browser.findElement(By.id("report-contact")).getAttribute("value"))
                    .isEqualTo("ana@example.org");
        }
    }

    @Test
    void insightsCompareInEnglishAndSpanish() {
        as(Role.ANALYST);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/insights/compare?a=3&b=3&lang=" + lang));
            BrowserSupport.waitFor(browser)
                    .until(d -> !d.findElements(By.id("error-summary")).isEmpty());
            String summary = summaryLeadingTo("b");
            assertThat(summary)
                    .contains(
                            lang.equals("en") ? "There is a problem" : "Hay un problema",
                            lang.equals("en")
                                    ? "Second area: choose an area other than"
                                    : "Segunda área: elija un área distinta de");
            assertThat(browser.findElement(By.id("b-error")).getText()).isNotBlank();
            assertThat(browser.findElements(By.id("compare-table"))).isEmpty();
        }
    }

    @Test
    void identityNewLoginInEnglishAndSpanish() {
        as(Role.ADMIN);
        for (String lang : new String[] {"en", "es"}) {
            browser.get(url("/admin/users?lang=" + lang));
            type("new-username", "x");
            type("new-displayName", "Rosa Martínez");
            type("new-password", "short");
            submit("new-login-form");
            String summary = summaryLeadingTo("new-username");
            assertThat(summary)
                    .contains(
                            lang.equals("en") ? "Username: use 3 to 64 letters" : "Usuario: use de 3 a 64 letras",
                            lang.equals("en")
                                    ? "Password: use at least 12 characters"
                                    : "Contraseña: use al menos 12 caracteres",
                            lang.equals("en") ? "Roles: tick at least one" : "Funciones: marque al menos una");
            assertThat(browser.findElement(By.id("new-displayName")).getAttribute("value"))
                    .isEqualTo("Rosa Martínez");
            assertThat(browser.findElement(By.id("new-password")).getAttribute("value"))
                    .isEmpty();
            assertThat(browser.findElement(By.id("username-error")).getText()).isNotBlank();
        }
    }
}
