package org.commonweal.experience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.commonweal.IntegrationTest;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationChannel;
import org.commonweal.centers.RegistrationStatus;
import org.commonweal.centers.registration.RegistrationJobs;
import org.commonweal.centers.schedule.SeriesScheduler;
import org.commonweal.centers.schedule.SessionQueries;
import org.commonweal.identity.Role;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.PlanIdentity;
import org.commonweal.shell.BrowserSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The points of #22's "What was seen" that no other browser test shows gone (see the table in docs/experience.md):
 * each assertion here fails on the behaviour the issue saw.
 */
@IntegrationTest
class WhatWasSeenBrowserTests {

    static WebDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Centers centers;

    @Autowired
    SeriesScheduler scheduler;

    @Autowired
    SessionQueries sessions;

    @Autowired
    RegistrationJobs registrationJobs;

    @Autowired
    Outbox outbox;

    @Autowired
    PlanIdentity plan;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = BrowserSupport.start(JourneysBrowserTests.DESKTOP, 768);
        // the machine running the suite may be shared and loaded: pages and the briefs' downloads get time
        browser.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(90));
        browser.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(90));
        Files.createDirectories(JourneysBrowserTests.SCREENSHOTS);
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

    void open(String path) {
        browser.get(base() + path);
        BrowserSupport.waitFor(browser)
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    static List<String> texts(String css) {
        return browser.findElements(By.cssSelector(css)).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The colour classes the tiles of the map use. */
    static List<String> tileClasses() {
        return browser.findElements(By.cssSelector("#insights-map rect.insights-tile-box")).stream()
                .map(e ->
                        e.getAttribute("class").replace("insights-tile-box", "").trim())
                .toList();
    }

    /**
     * For each legend entry: how far its label starts from its swatch's right edge, and how far their middles are
     * apart vertically (px). The gap legend's swatches used to sit about 100 px above their labels.
     */
    @SuppressWarnings("unchecked")
    static List<List<Number>> legendSwatchToLabel() {
        return (List<List<Number>>) ((JavascriptExecutor) browser).executeScript("""
                return Array.from(document.querySelectorAll('#insights-legend li')).map(li => {
                  const swatch = li.querySelector('rect').getBoundingClientRect();
                  const label = li.querySelector('span').getBoundingClientRect();
                  return [label.left - swatch.right,
                          Math.abs((label.top + label.bottom) / 2 - (swatch.top + swatch.bottom) / 2)];
                });""");
    }

    /** Each swatch sits just left of its label, on the same line. */
    static void assertSwatchesBesideLabels() {
        List<List<Number>> distances = legendSwatchToLabel();
        assertThat(distances).isNotEmpty();
        assertThat(distances)
                .as("[label's left − swatch's right, |middles apart|] in px")
                .allSatisfy(d -> {
                    assertThat(d.get(0).doubleValue()).isBetween(0.0, 12.0);
                    assertThat(d.get(1).doubleValue()).isLessThan(4.0);
                });
    }

    @Test
    void insightsMapsLegendsAndCompareReadAtAGlance() throws Exception {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), "analyst", "demo-password");
        open("/insights?lang=en");
        // the legend no longer repeats "0.3 – 0.3": no two classes read the same, none reads "x – x"
        List<String> legend = texts("#insights-legend li span");
        assertThat(legend).doesNotHaveDuplicates();
        assertThat(legend).noneMatch(l -> l.matches("(.+) – \\1"));
        // every shade on the tiles is in the legend
        var legendClasses = new HashSet<>(browser.findElements(By.cssSelector("#insights-legend rect")).stream()
                .map(e -> e.getAttribute("class"))
                .toList());
        assertThat(legendClasses).containsAll(tileClasses());
        assertSwatchesBesideLabels();

        // a diverging scale for gaps: difference from the county, five classes about 0 with two hues
        open("/insights?lang=en&measure=members&level=spa&colour=gap");
        BrowserSupport.fullPageScreenshot(
                browser, JourneysBrowserTests.SCREENSHOTS.resolve("insights-gap-desktop.png"));
        assertThat(browser.findElement(By.id("insights-gap-note")).getText()).contains("Difference from the county");
        List<String> gapLegend = texts("#insights-legend li span");
        assertThat(gapLegend.getFirst()).startsWith("\u2212");
        assertThat(gapLegend.get(2)).matches("\u2212[0-9.,]+ \u2026 \\+[0-9.,]+|0\\.0");
        assertThat(tileClasses()).allMatch(c -> c.matches("insights-d[0-4]|insights-cs|insights-cn"));
        var gapLegendClasses = new HashSet<>(browser.findElements(By.cssSelector("#insights-legend rect")).stream()
                .map(e -> e.getAttribute("class"))
                .toList());
        assertThat(gapLegendClasses).containsAll(tileClasses());
        assertSwatchesBesideLabels();
        assertThat(texts("#insights-table td.insights-gap")).anyMatch(t -> t.matches("[+\u2212]?[0-9.,]+"));
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();

        // compare refuses an area against itself, and draws a chart beside the table otherwise
        open("/insights/compare?lang=en&measure=members&level=spa&a=2&b=2");
        assertThat(browser.findElements(By.id("compare-table"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#b.is-invalid")).isDisplayed())
                .isTrue();
        open("/insights/compare?lang=en&measure=members&level=spa&a=2&b=3");
        assertThat(browser.findElements(By.id("compare-table"))).hasSize(1);
        assertThat(browser.findElements(By.id("compare-chart"))).hasSize(1);

        // the CSV keeps numbers as numbers: no thousands separators or percent signs in the figures
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/insights/export.csv?measure=members&level=spa&group=all&period=current')
                  .then(r => r.text()).then(done)""");
        assertThat(csv.lines().skip(1).toList())
                .isNotEmpty()
                .noneMatch(l -> l.matches(".*\"[0-9]+,[0-9]{3}.*"))
                .noneMatch(l -> l.contains("%"));
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    @Test
    void memberLandsOnTheirHomeAfterSignIn() {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), "member", "demo-password");
        // "/" answers a member with the member home (a forward: the address stays "/")
        assertThat(browser.findElements(By.id("member-welcome"))).hasSize(1);
        assertThat(browser.findElements(By.id("member-coverage"))).hasSize(1);
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    @Test
    void backToSearchKeepsTheQueryAndEachOfficeIsListedOnce() {
        browser.manage().deleteAllCookies();
        open("/find-a-doctor?lang=en&near=Pasadena&miles=10&specialty=207Q00000X&sort=name");
        browser.get(browser.findElement(By.cssSelector(".provider-card a[href*='/find-a-doctor/providers/']"))
                .getAttribute("href"));
        BrowserSupport.waitFor(browser)
                .until(d -> !d.findElements(By.id("back-to-search")).isEmpty());
        // the same office used to be listed once per plan
        List<String> offices = texts("#offices .office");
        assertThat(offices).doesNotHaveDuplicates();
        // directions from every office, and the hospital affiliations line
        assertThat(browser.findElements(By.cssSelector("#offices .directions-link")))
                .hasSize(offices.size());
        assertThat(browser.findElements(By.id("hospitals"))).hasSize(1);
        browser.get(browser.findElement(By.id("back-to-search")).getAttribute("href"));
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("near=Pasadena"));
        assertThat(browser.getCurrentUrl()).contains("specialty=207Q00000X").contains("sort=name");
    }

    @Test
    void waitlistedPeopleGetNoQrCodeAndSeatedPeopleGetThatSessionsCalendarEntry() throws Exception {
        browser.manage().deleteAllCookies();
        // new people on every run: the test database outlives a run
        long run = System.currentTimeMillis();
        long session = jdbc.sql("""
                select id from centers.class_session where starts_at > now() + interval '2 days'
                and status = 'scheduled' and taken < capacity order by starts_at limit 1""").query(Long.class).single();
        var seated = centers.register(
                session,
                new NewParticipant(
                        ParticipantKind.COMMUNITY,
                        null,
                        "Ana",
                        "Seated" + run,
                        null,
                        "ana.seated+" + run + "@example.org",
                        "90033",
                        "en",
                        true,
                        null),
                RegistrationChannel.PUBLIC,
                "test");
        assertThat(seated.status()).isEqualTo(RegistrationStatus.REGISTERED);
        open("/centers/registrations/" + seated.confirmationCode() + "?lang=en");
        assertThat(browser.findElement(By.id("registration-address")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("registration-map")).getAttribute("href"))
                .isNotBlank();
        assertThat(browser.findElement(By.id("registration-ics")).getAttribute("href"))
                .endsWith("/centers/registrations/" + seated.confirmationCode() + "/session.ics");
        assertThat(browser.findElements(By.id("confirmation-qr"))).hasSize(1);

        // fill the session so the next person is waitlisted
        int capacity = jdbc.sql("select capacity from centers.class_session where id = ?")
                .param(session)
                .query(Integer.class)
                .single();
        jdbc.sql("update centers.class_session set capacity = taken where id = ?")
                .param(session)
                .update();
        try {
            var waiting = centers.register(
                    session,
                    new NewParticipant(
                            ParticipantKind.COMMUNITY,
                            null,
                            "Bea",
                            "Waiting" + run,
                            null,
                            "bea.waiting+" + run + "@example.org",
                            "90033",
                            "en",
                            true,
                            null),
                    RegistrationChannel.PUBLIC,
                    "test");
            assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);
            open("/centers/registrations/" + waiting.confirmationCode() + "?lang=en");
            BrowserSupport.fullPageScreenshot(
                    browser, JourneysBrowserTests.SCREENSHOTS.resolve("class-waitlisted-desktop.png"));
            assertThat(browser.findElements(By.id("confirmation-qr"))).isEmpty();
            assertThat(browser.findElements(By.id("registration-ics"))).isEmpty();
            assertThat(browser.findElement(By.id("registration-keep-waitlisted"))
                            .getText())
                    .isNotBlank();
        } finally {
            jdbc.sql("update centers.class_session set capacity = ? where id = ?")
                    .params(capacity, session)
                    .update();
            centers.cancel(seated.confirmationCode(), "test");
        }
    }

    /**
     * Clicks an element as the page's own script would: headless Chromium, after the full-page screenshots resize the
     * window, sometimes reports a point outside the viewport for a native click ("click intercepted").
     */
    static void click(WebElement element) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()", element);
    }

    /** Fetches {@code path} in the signed-in browser (its session and cookies) and returns the body's bytes. */
    static byte[] fetchInBrowser(String path) {
        String base64 = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then(r => r.ok ? r.blob() : Promise.reject(r.status)).then(b => {
                  const reader = new FileReader();
                  reader.onload = () => done(reader.result.split(',')[1]);
                  reader.readAsDataURL(b);
                }).catch(e => done('failed ' + e));""", path);
        assertThat(base64).as(path).doesNotStartWith("failed");
        return Base64.getDecoder().decode(base64);
    }

    /** The digits of a figure as shown ("1,243" and "1.243" are both 1243). */
    static String digits(String shown) {
        return shown.replaceAll("[^0-9]", "");
    }

    @Test
    void theClassConfirmationAndTheReminderArriveByEmailAfterRegisteringInTheBrowser() throws Exception {
        browser.manage().deleteAllCookies();
        String run = Long.toString(System.nanoTime(), 36);
        int center = jdbc.sql("select id from centers.center where code = 'norwalk'")
                .query(Integer.class)
                .single();
        int program = jdbc.sql("select id from centers.program where code = 'walking'")
                .query(Integer.class)
                .single();
        // a class in five hours: its reminder (the day before) is due as soon as someone registers
        LocalDateTime start =
                LocalDateTime.now(plan.timeZone()).plusHours(5).withSecond(0).withNano(0);
        String title = "Browser walk " + run;
        long series = scheduler.create(
                new SeriesScheduler.NewSeries(
                        center,
                        program,
                        title,
                        "Caminata " + run,
                        "en",
                        "Leo",
                        "Main room",
                        5,
                        "everyone",
                        start,
                        60,
                        "FREQ=DAILY;COUNT=1"),
                start.toLocalDate().plusDays(1));
        long session = sessions.seriesSessions(series).getFirst().id();
        String address = sessions.center("norwalk").orElseThrow().displayAddress();
        String email = "mia.mailbox" + run + "@example.org";

        // a person registers on the public page
        open("/centers/sessions/" + session + "?lang=en");
        browser.findElement(By.id("kind-community")).click();
        browser.findElement(By.id("firstName")).sendKeys("Mia");
        browser.findElement(By.id("lastName")).sendKeys("Mailbox" + run);
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("zip")).sendKeys("90650");
        click(browser.findElement(By.id("register-submit")));
        BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().contains("/centers/registrations/"));
        String code = browser.getCurrentUrl().replaceAll(".*/centers/registrations/([^/?#]+).*", "$1");
        // the scheduled jobs do this every minute; run them now rather than wait
        registrationJobs.queueReminders();
        outbox.dispatch();

        // an administrator reads what the embedded mail server received
        BrowserSupport.signIn(browser, base(), Role.ADMIN.demoUsername(), "demo-password");
        Map<String, WebElement> mail = new java.util.HashMap<>();
        for (int attempt = 0; attempt < 15 && mail.size() < 2; attempt++) {
            if (attempt > 0) {
                Thread.sleep(1000);
                outbox.dispatch();
            }
            open("/admin/demo-mail?lang=en");
            mail.clear();
            for (WebElement m : browser.findElements(By.cssSelector("article.demo-mail"))) {
                if (m.getText().contains(email)) {
                    mail.put(m.findElement(By.cssSelector(".card-title")).getText(), m);
                }
            }
        }
        assertThat(mail.keySet()).containsExactlyInAnyOrder("You are registered: " + title, "Reminder: " + title);
        WebElement confirmation = mail.get("You are registered: " + title);
        assertThat(confirmation.findElement(By.className("demo-mail-text")).getText())
                .contains(address)
                .contains("openstreetmap.org")
                .contains("/centers/registrations/" + code);
        assertThat(confirmation.getText()).contains("class.ics");
        WebElement reminder = mail.get("Reminder: " + title);
        assertThat(reminder.findElement(By.className("demo-mail-text")).getText())
                .contains("Norwalk");
        assertThat(reminder.getText()).contains("class.ics");
        BrowserSupport.fullPageScreenshot(browser, JourneysBrowserTests.SCREENSHOTS.resolve("demo-mail-desktop.png"));
        assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
        open("/?lang=en");
        BrowserSupport.signOut(browser);
        centers.cancel(code, "test");
    }

    @Test
    void theOnePageBriefIsOnePageAndAgreesWithTheMapOnTheMemberCount() throws Exception {
        browser.manage().deleteAllCookies();
        BrowserSupport.signIn(browser, base(), "analyst", "demo-password");
        open("/insights?lang=en&measure=members&level=spa&group=all&period=current");
        Map<Integer, String> onTheMap = new java.util.HashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector("#insights-table tr[data-area]"))) {
            int area = Integer.parseInt(row.getAttribute("data-area"));
            if (area > 0) {
                onTheMap.put(
                        area, row.findElement(By.className("insights-count")).getText());
            }
        }
        assertThat(onTheMap).hasSize(8);
        open("/insights/briefs?lang=en");
        for (String lang : List.of("en", "es")) {
            String label = lang.equals("es") ? "Miembros en esta área: " : "Members in this area: ";
            List<String> links =
                    browser.findElements(By.cssSelector("#briefs-spa a[href*='lang=" + lang + "']")).stream()
                            .map(a -> a.getAttribute("href"))
                            .toList();
            assertThat(links).hasSize(8);
            for (String link : links) {
                int area = Integer.parseInt(link.replaceAll(".*/spa/([0-9]+)\\.pdf.*", "$1"));
                try (var pdf = Loader.loadPDF(fetchInBrowser(link))) {
                    assertThat(pdf.getNumberOfPages()).as(link).isEqualTo(1);
                    String text = new PDFTextStripper().getText(pdf);
                    var counts = Pattern.compile(Pattern.quote(label) + "([0-9.,*]+)")
                            .matcher(text)
                            .results()
                            .map(m -> m.group(1))
                            .toList();
                    // once, and the figure the map shows for the same area
                    assertThat(counts).as(link).hasSize(1);
                    assertThat(digits(counts.getFirst())).as(link).isEqualTo(digits(onTheMap.get(area)));
                    if (area == 4 && lang.equals("en")) {
                        // the page as printed, for the tour in docs/experience.md
                        javax.imageio.ImageIO.write(
                                new org.apache.pdfbox.rendering.PDFRenderer(pdf).renderImageWithDPI(0, 72),
                                "png",
                                JourneysBrowserTests.SCREENSHOTS
                                        .resolve("insights-brief-spa-4.png")
                                        .toFile());
                    }
                }
            }
        }
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    @Test
    void staffAndMembersLandOnWhatNeedsThemToday() throws Exception {
        long request = jdbc.sql("""
                insert into coverage.pcp_change_request (member_id, practitioner_id, npi, practitioner_name,
                    location_id, location_name, requested_by, effective_on, requested_at)
                values ('DEMO-MEMBER-1', 'pr-1', '1234567893', 'Browser Today', 'loc-1', 'Office', 'member', ?,
                    now() - interval '5 days') returning id""")
                .param(LocalDate.now().plusMonths(1).withDayOfMonth(1))
                .query(Long.class)
                .single();
        try {
            browser.manage().deleteAllCookies();
            BrowserSupport.signIn(browser, base(), Role.MEMBER_SERVICES.demoUsername(), "demo-password");
            open("/?lang=en");
            assertThat(browser.findElement(By.id("today-title")).getText()).isEqualTo("What needs me today");
            List<WebElement> items = browser.findElements(By.cssSelector("#today .today-item"));
            List<Boolean> urgent = items.stream()
                    .map(i -> i.getAttribute("class").contains("list-group-item-warning"))
                    .toList();
            // urgent first, and the request waiting five days is urgent
            assertThat(urgent).isSortedAccordingTo(java.util.Comparator.reverseOrder());
            WebElement waiting = items.stream()
                    .filter(i -> !i.findElements(By.cssSelector("a[href='/members/pcp-changes']"))
                            .isEmpty())
                    .findFirst()
                    .orElseThrow();
            assertThat(waiting.getText()).containsPattern("PCP change requests? waiting for a decision");
            assertThat(waiting.getAttribute("class")).contains("list-group-item-warning");
            BrowserSupport.fullPageScreenshot(
                    browser, JourneysBrowserTests.SCREENSHOTS.resolve("staff-today-desktop.png"));
            assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
            // one click to act on it
            click(waiting.findElement(By.tagName("a")));
            BrowserSupport.waitFor(browser).until(d -> d.getCurrentUrl().endsWith("/members/pcp-changes"));
            BrowserSupport.waitFor(browser)
                    .until(d -> d.findElement(By.tagName("main")).getText().contains("Browser Today"));
            BrowserSupport.signOut(browser);
        } finally {
            jdbc.sql("delete from coverage.pcp_change_request where id = ?")
                    .param(request)
                    .update();
        }
        // a role with nothing of its own waiting is told so, not shown the generic page only
        BrowserSupport.signIn(browser, base(), "analyst", "demo-password");
        open("/?lang=en");
        assertThat(browser.findElement(By.id("today-nothing")).isDisplayed()).isTrue();
        BrowserSupport.signOut(browser);

        // the member: coverage, the doctor with a phone to tap, classes and the ID card on the page they land on
        BrowserSupport.signIn(browser, base(), "member", "demo-password");
        assertThat(browser.findElements(By.id("today"))).isEmpty();
        assertThat(browser.findElement(By.id("member-coverage")).getText()).contains("Covered today");
        WebElement pcp = browser.findElement(By.id("member-pcp"));
        assertThat(pcp.findElements(By.cssSelector("#pcp-phone[href^='tel:'], #pcp-call-member-services")))
                .isNotEmpty();
        assertThat(browser.findElements(By.id("member-classes"))).hasSize(1);
        assertThat(browser.findElement(By.id("id-card-link")).getAttribute("href"))
                .endsWith("/my/coverage/id-card");
        open("/?lang=en");
        BrowserSupport.signOut(browser);
    }

    /** A doctor's office as the directory lists it: practitioner id, location id, name; chosen by a condition. */
    List<String> office(String condition) {
        return jdbc.sql("""
                select p.id, r.location_id, p.given || ' ' || p.family, l.hours from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                  join network.location l on l.id = r.location_id and l.active
                 where p.active and not p.suppressed and r.active and not r.suppressed
                   and (r.period_end is null or r.period_end >= current_date)
                   and r.specialty in ('207Q00000X', '207R00000X', '208D00000X') and r.accepting = 'newpt'
                   and not exists (select 1 from network.practitioner_role x where x.practitioner_id = p.id
                                   and x.location_id = r.location_id and x.accepting <> 'newpt')
                   and p.npi is distinct from (select pcp_npi from coverage.enrollment_span
                                               where member_id = 'DEMO-MEMBER-1' and end_date is null limit 1)
                   and""" + " " + condition + " order by r.id limit 1")
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .single();
    }

    @Test
    void theProviderPageGivesHoursInWordsAndOnlyASignedInMemberMakesThisTheirDoctor() throws Exception {
        List<String> doctor = office("r.network_ids && array['net-medi-cal'] and l.hours is not null");
        List<String> outside = office("not exists (select 1 from network.practitioner_role x"
                + " where x.practitioner_id = p.id and x.location_id = r.location_id"
                + " and x.network_ids && array['net-medi-cal'])");
        String page = "/find-a-doctor/providers/" + doctor.get(0);
        String atOffice = "#offices .office:has(input[name=locationId][value='" + doctor.get(1) + "'])";
        try {
            // a visitor: hours in words, and an invitation to sign in instead of the button
            browser.manage().deleteAllCookies();
            open(page + "?lang=en");
            List<String> hours = texts("#offices .office-hours");
            assertThat(hours).isNotEmpty();
            assertThat(hours)
                    .allMatch(h -> h.matches("Office hours: [A-Z][a-z]{2}.* (am|pm).*"))
                    .noneMatch(h -> h.contains(doctor.get(3)))
                    .noneMatch(h -> h.matches(".*[0-9]{2}:[0-9]{2}.*"));
            assertThat(browser.findElements(By.cssSelector(".make-my-doctor"))).isEmpty();
            assertThat(browser.findElement(By.id("sign-in-to-choose")).isDisplayed())
                    .isTrue();
            // staff who are not members see no button either
            BrowserSupport.signIn(browser, base(), Role.MEMBER_SERVICES.demoUsername(), "demo-password");
            open(page + "?lang=en");
            assertThat(browser.findElements(By.cssSelector(".make-my-doctor"))).isEmpty();
            BrowserSupport.signOut(browser);

            // the member picks the doctor at that office and lands on their home with the request waiting
            BrowserSupport.signIn(browser, base(), "member", "demo-password");
            open(page + "?lang=en");
            BrowserSupport.fullPageScreenshot(
                    browser, JourneysBrowserTests.SCREENSHOTS.resolve("provider-member-desktop.png"));
            assertThat(BrowserSupport.seriousAccessibilityViolations(browser)).isEmpty();
            click(browser.findElement(By.cssSelector(atOffice + " .make-my-doctor button")));
            BrowserSupport.waitFor(browser)
                    .until(d -> !d.findElements(By.id("pcp-request")).isEmpty());
            assertThat(browser.getCurrentUrl()).endsWith("/my");
            assertThat(browser.findElement(By.id("pcp-request")).getText()).contains("You asked for " + doctor.get(2));
            assertThat(jdbc.sql("select count(*) from coverage.pcp_change_request where member_id = 'DEMO-MEMBER-1'"
                                    + " and status = 'open' and practitioner_id = ? and location_id = ?")
                            .params(doctor.get(0), doctor.get(1))
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);

            // a doctor who does not take the member's plan there: refused, and told why
            open("/find-a-doctor/providers/" + outside.get(0) + "?lang=en");
            click(browser.findElement(By.cssSelector("#offices .office:has(input[name=locationId][value='"
                    + outside.get(1) + "']) .make-my-doctor button")));
            BrowserSupport.waitFor(browser)
                    .until(d -> !d.findElements(By.id("pcp-refused")).isEmpty());
            assertThat(browser.findElement(By.id("pcp-refused")).getText()).contains("does not take your plan");
            open("/?lang=en");
            BrowserSupport.signOut(browser);
        } finally {
            jdbc.sql("update coverage.pcp_change_request set status = 'withdrawn'"
                            + " where member_id = 'DEMO-MEMBER-1' and status = 'open'")
                    .update();
        }
    }
}
