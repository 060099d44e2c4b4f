package org.commonweal.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A visitor in a real browser: public pages in two languages, accessibility, and every role's own navigation. */
@IntegrationTest
class ShellBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    List<NavigationItem> navigation;

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

    String base() {
        return "http://localhost:" + port;
    }

    @Test
    void homePageSwitchesToSpanishAndBack() {
        browser.manage().deleteAllCookies();
        browser.get(base() + "/");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.id("sign-in")).getText()).isEqualTo("Sign in");

        browser.findElement(By.id("lang-es")).click();
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("lang=es"));
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("es");
        assertThat(browser.findElement(By.id("sign-in")).getText()).isEqualTo("Iniciar sesión");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Áreas que puede usar");

        // the choice is remembered on the next page
        browser.get(base() + "/places");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Lugares que servimos");

        browser.findElement(By.id("lang-en")).click();
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("lang=en"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Places we serve");
    }

    @Test
    void publicPagesHaveNoSeriousAccessibilityViolations() throws Exception {
        browser.manage().deleteAllCookies();
        for (String path : List.of("/", "/login", "/places", "/places?zip=90001", "/?lang=es", "/login?error")) {
            browser.get(base() + path);
            assertThat(BrowserSupport.seriousAccessibilityViolations(browser))
                    .as(path)
                    .isEmpty();
        }
        browser.get(base() + "/?lang=en");
    }

    @Test
    void everyDemoRoleSeesItsOwnNavigationAndEveryLinkOpens() {
        for (Role role : Role.values()) {
            browser.manage().deleteAllCookies();
            BrowserSupport.signIn(browser, base(), role.demoUsername(), "demo-password");
            assertThat(browser.findElement(By.id("signed-in-as")).getText()).contains(role.demoUsername());

            List<String> shown = browser.findElements(By.cssSelector("#area-nav a")).stream()
                    .map(a -> a.getAttribute("data-nav"))
                    .toList();
            List<String> expected = navigation.stream()
                    .filter(i -> i.isPublic() || i.roles().contains(role.name()))
                    .sorted(java.util.Comparator.comparingInt(NavigationItem::order))
                    .map(NavigationItem::href)
                    .toList();
            // the role's own areas come first, the rest under "More" (#22: one header line at 1366 px)
            assertThat(shown).as(role.name()).containsExactlyInAnyOrderElementsOf(expected);
            if (role != Role.ADMIN) {
                assertThat(shown).as(role.name()).doesNotContain("/admin/audit", "/admin/users");
            }

            for (String href : shown) {
                browser.get(base() + href);
                assertThat(browser.getTitle()).as(role + " " + href).isNotIn(Set.of("Not allowed", "Page not found"));
            }
            browser.get(base() + "/");
            BrowserSupport.signOut(browser);
            assertThat(browser.findElements(By.id("sign-in"))).isNotEmpty();
        }
    }

    @Test
    void aRoleThatOpensAnotherAreasPageGetsTheFriendly403() {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), Role.MEMBER.demoUsername(), "demo-password");
        browser.get(base() + "/admin/audit");
        assertThat(browser.getTitle()).isEqualTo("Not allowed");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Your role does not give access");
        BrowserSupport.signOut(browser);
    }
}
