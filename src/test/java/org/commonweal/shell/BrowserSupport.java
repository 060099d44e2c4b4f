package org.commonweal.shell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for browser tests, without any download (Selenium Manager never runs). Install it with
 * {@code apt-get install chromium chromium-driver}; {@code .ci/run} does.
 */
public final class BrowserSupport {

    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private BrowserSupport() {}

    public static WebDriver start() throws IOException {
        return start(1280, 900);
    }

    public static WebDriver start(int width, int height) throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver");
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--disable-quic",
                "--lang=en-US",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return driver;
    }

    public static void signIn(WebDriver driver, String baseUrl, String username, String password) {
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        waitFor(driver)
                .until(d -> !d.getCurrentUrl().contains("/login")
                        || d.getCurrentUrl().contains("error")
                        || d.getCurrentUrl().contains("locked"));
        // the URL changes when the redirect commits, before the landing page has loaded: a navigation started now
        // could be overtaken by that load, so wait for the signed-in page itself
        if (!driver.getCurrentUrl().contains("/login")) {
            waitFor(driver)
                    .until(d -> !d.findElements(By.id("sign-out")).isEmpty()
                            && "complete"
                                    .equals(((org.openqa.selenium.JavascriptExecutor) d)
                                            .executeScript("return document.readyState")));
        }
    }

    public static void signOut(WebDriver driver) {
        driver.findElement(By.id("sign-out")).click();
        waitFor(driver).until(d -> d.getCurrentUrl().contains("signedOut"));
    }

    /** A screenshot of the whole page: the window is made as tall as the document (at most 6,000 px), then put back. */
    public static void fullPageScreenshot(WebDriver driver, java.nio.file.Path file) throws IOException {
        var js = (JavascriptExecutor) driver;
        var size = driver.manage().window().getSize();
        long height =
                ((Number) js.executeScript("return Math.min(document.documentElement.scrollHeight, 6000)")).longValue();
        driver.manage().window().setSize(new Dimension(size.getWidth(), (int) Math.max(height, size.getHeight())));
        Files.write(
                file,
                ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        driver.manage().window().setSize(size);
    }

    public static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the current page and returns the serious and critical violations. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousAccessibilityViolations(WebDriver driver) throws IOException {
        var js = (JavascriptExecutor) driver;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(function (r) { done(r.violations.map(function (v) {
                       return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
                   })); })
                   .catch(function (e) { done([{id: 'axe-error', impact: 'critical', nodes: [String(e)]}]); });
                """);
        List<String> serious = new ArrayList<>();
        for (Map<String, Object> v : (List<Map<String, Object>>) result) {
            if ("serious".equals(v.get("impact")) || "critical".equals(v.get("impact"))) {
                serious.add(v.get("id") + " (" + v.get("impact") + ") at " + v.get("nodes"));
            }
        }
        return serious;
    }

    private static String axe;

    private static synchronized String axeSource() throws IOException {
        if (axe == null) {
            try (InputStream in =
                    BrowserSupport.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe-core webjar missing from the test classpath");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axe;
    }
}
