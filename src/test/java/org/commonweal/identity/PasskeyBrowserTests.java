package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Passkeys as the second factor of a staff login, in a real browser (Debian Chromium) with Chromium's virtual
 * WebAuthn authenticator, against the real JDBC session store and PostgreSQL: an analyst (a role that must use a
 * passkey) signs in with a password and reaches nothing but enrolment; enrols a passkey; confirms it; then reaches
 * the analysts' pages. Signing in again asks for the passkey before anything else. An administrator's recovery
 * removes the passkeys, and the analyst is back at enrolment; every enrolment and removal is in the audit trail.
 */
@IntegrationTest
class PasskeyBrowserTests {

    private static final String PASSWORD = "correct horse battery";

    static WebDriver browser;
    static VirtualAuthenticator authenticator;

    @LocalServerPort
    int port;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void start() throws Exception {
        browser = BrowserSupport.start();
        authenticator = ((HasVirtualAuthenticator) browser)
                .addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                        .setHasResidentKey(true)
                        .setHasUserVerification(true)
                        .setIsUserVerified(true)
                        .setIsUserConsenting(true));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    @Test
    void anAnalystEnrolsAPasskeySignsInWithItAndIsRecoveredByAnAdministrator() throws Exception {
        String analyst = "pk-analyst-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(
                new UserAccounts.NewUserAccount(analyst, "Passkey Analyst", PASSWORD, EnumSet.of(Role.ANALYST)));

        // first sign-in: the password alone reaches the enrolment page and nothing else
        BrowserSupport.signIn(browser, base(), analyst, PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/account/passkeys");
        assertThat(browser.findElements(By.id("passkey-required"))).isNotEmpty();
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
        browser.get(base() + "/insights");
        assertThat(browser.getCurrentUrl()).endsWith("/account/passkeys");

        // enrolment with the virtual authenticator, then the passkey step confirms it and returns to the page
        browser.findElement(By.id("passkey-label")).sendKeys("Virtual key");
        browser.findElement(By.id("passkey-enrol-submit")).click();
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/login/passkey"));
        assertThat(authenticator.getCredentials()).hasSize(1);
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
        clickWhenReady("passkey-sign-in");
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("passkey-enrolled")).isEmpty());
        assertThat(browser.findElement(By.id("passkey-list")).getText()).contains("Virtual key");
        browser.get(base() + "/insights");
        assertThat(browser.getCurrentUrl()).endsWith("/insights");
        assertThat(audited(analyst, "CREATE")).isEqualTo(1);

        // the next sign-in asks for the passkey before the analysts' pages
        BrowserSupport.signOut(browser);
        signInWithPassword(analyst);
        browser.get(base() + "/insights");
        assertThat(browser.getCurrentUrl()).endsWith("/login/passkey");
        clickWhenReady("passkey-sign-in");
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/insights"));
        assertThat(jdbc.sql("select count(*) from identity.passkey_credential c join identity.passkey_user u "
                                + "on u.id = c.user_entity_user_id where u.username = ? and c.last_used > c.created")
                        .param(analyst)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        // an administrator (the demo login, which skips the step in demo mode) removes the analyst's passkeys
        BrowserSupport.signOut(browser);
        BrowserSupport.signIn(browser, base(), "admin", "demo-password");
        browser.get(base() + "/admin/users");
        // the users table is long; the button's own form is submitted as a click on it would
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "arguments[0].open = true; arguments[1].click()",
                        browser.findElement(By.cssSelector("#user-" + analyst + " details")),
                        browser.findElement(By.id("passkeys-remove-" + analyst)));
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("users-changed")).isEmpty());
        assertThat(audited(analyst, "DELETE")).isEqualTo(1);
        assertThat(jdbc.sql("select username from audit.audit_event where entity_type = 'passkey' "
                                + "and entity_id = ? and action = 'DELETE'")
                        .param(analyst)
                        .query(String.class)
                        .single())
                .isEqualTo("admin");

        // recovered: the analyst's next sign-in is back at enrolment (signing out from the top of a page: the users
        // page scrolled to the login's row)
        browser.get(base() + "/account");
        BrowserSupport.signOut(browser);
        BrowserSupport.signIn(browser, base(), analyst, PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/account/passkeys");
        assertThat(browser.findElements(By.id("passkey-required"))).isNotEmpty();
        BrowserSupport.signOut(browser);
    }

    private void signInWithPassword(String username) {
        browser.get(base() + "/login");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/login/passkey"));
    }

    private void clickWhenReady(String id) {
        BrowserSupport.waitFor(browser)
                .until(d -> "complete"
                        .equals(((org.openqa.selenium.JavascriptExecutor) d)
                                .executeScript("return document.readyState")));
        browser.findElement(By.id(id)).click();
    }

    private int audited(String username, String action) {
        return jdbc.sql("select count(*) from audit.audit_event where entity_type = 'passkey' and entity_id = ? "
                        + "and action = ?")
                .params(username, action)
                .query(Integer.class)
                .single();
    }
}
