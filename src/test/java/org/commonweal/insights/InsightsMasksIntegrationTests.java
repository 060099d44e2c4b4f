package org.commonweal.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.insights.internal.Family;
import org.commonweal.insights.internal.Figure;
import org.commonweal.insights.internal.FigureMasks;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.InsightsRefresh;
import org.commonweal.insights.internal.Measure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * #19: the small-cell masks are decided by the refresh, before it publishes the figures, and stored with them; a page
 * view, an export or a brief decides none, and what it serves is always one refresh's figures with that refresh's
 * masks.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsMasksIntegrationTests {

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    FigureStore store;

    @Autowired
    Adequacy adequacy;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    void aRunAndARefresh() {
        if (adequacy.runs().isEmpty()) {
            adequacy.run(LocalDate.now(refresh.zone()), null, "insights-test");
        }
        refresh.refreshAll("test");
    }

    @Test
    void noViewExportOrBriefAfterARefreshDecidesMasks() throws Exception {
        // the JVM's first page (templates, classes) is not what is timed below
        fetch("/insights", Map.of("measure", "adequacy", "level", "rcac"));
        for (Family family : Family.values()) {
            refresh.refresh(family, "test");
            long decisions = FigureMasks.decisions();
            for (Measure measure : Measure.of(family)) {
                long started = System.nanoTime();
                fetch("/insights", Map.of("measure", measure.code(), "level", "spa"));
                long firstView = System.nanoTime() - started;
                System.out.printf(
                        "insights masks: %s, first map view after its refresh %d ms (masks decided by the refresh"
                                + " in %d ms)%n",
                        measure.code(),
                        firstView / 1_000_000,
                        store.maskAudits().get(measure.code()).millis());
                for (String path : List.of(
                        "/insights/trends",
                        "/insights/gaps",
                        "/insights/compare",
                        "/insights/export.csv",
                        "/insights/export.xlsx",
                        "/insights/trends.csv",
                        "/insights/trends.xlsx")) {
                    fetch(path, Map.of("measure", measure.code(), "level", "spa"));
                }
            }
            fetch("/insights/briefs/spa/4.pdf", Map.of("lang", "es"));
            assertThat(FigureMasks.decisions())
                    .as("masks decided while serving %s after its refresh", family)
                    .isEqualTo(decisions);
        }
    }

    @Test
    void everyStoredMaskIsTheRulesDecisionOverItsOwnFigures() {
        for (Measure measure : Measure.values()) {
            List<Figure> stored = store.all(measure);
            assertThat(stored).as(measure.code()).allMatch(Figure::masksDecided);
            List<Figure> undecided = stored.stream()
                    .map(InsightsMasksIntegrationTests::undecided)
                    .toList();
            assertThat(FigureMasks.of(measure, undecided).applyTo(undecided))
                    .as("%s: the stored masks are those the rule decides over the stored figures", measure.code())
                    .containsExactlyInAnyOrderElementsOf(stored);
        }
    }

    @Test
    void thePreviousFiguresAreServedWithTheirMasksUntilTheNewOnesArePublishedWithTheirs() throws Exception {
        // a previous refresh whose figures differ from today's: every promoter count doubled, its masks decided over it
        InsightsRefresh.Prepared today = refresh.prepare(Family.ENGAGEMENT, "test");
        List<Figure> doubled = new ArrayList<>();
        Map<Measure, FigureMasks.Audit> audits = new LinkedHashMap<>();
        for (Measure measure : Measure.of(Family.ENGAGEMENT)) {
            List<Figure> figures = today.figures().stream()
                    .filter(f -> f.measure() == measure)
                    .map(f -> undecided(f, f.numerator().multiply(java.math.BigDecimal.TWO)))
                    .toList();
            var masks = FigureMasks.of(measure, figures);
            doubled.addAll(masks.applyTo(figures));
            audits.put(measure, masks.audit());
        }
        refresh.publish(
                new InsightsRefresh.Prepared(Family.ENGAGEMENT, doubled, audits, today.asOf(), 0, "test:previous"));
        Map<String, String> previous = views();

        // the new figures and their masks, prepared but not yet published: the pages still show the previous ones
        InsightsRefresh.Prepared next = refresh.prepare(Family.ENGAGEMENT, "test");
        assertThat(views()).isEqualTo(previous);

        // published while the pages are being read: each answer is one refresh's figures with that refresh's masks
        List<Map<String, String>> seen = new ArrayList<>();
        var publishing = CompletableFuture.runAsync(() -> refresh.publish(next));
        while (!publishing.isDone()) {
            seen.add(views());
        }
        publishing.join();
        Map<String, String> published = views();
        assertThat(published).isNotEqualTo(previous);
        for (String view : previous.keySet()) {
            assertThat(published.get(view)).as(view).isNotEqualTo(previous.get(view));
        }
        for (Map<String, String> answer : seen) {
            answer.forEach((view, body) -> assertThat(Set.of(previous.get(view), published.get(view)))
                    .as("%s while publishing", view)
                    .contains(body));
        }
        everyStoredMaskIsTheRulesDecisionOverItsOwnFigures();
    }

    /**
     * A measurement, not a rule: the other modules still apply the rule on each view (their tables depend on the
     * reader's filters). Printed: each page's time on the demo data for a reader who sees exact figures and for an
     * analyst, whose page is masked (#19 asks for any masking above 200 ms to be moved off the view as well).
     */
    @Test
    void theOtherModulesPagesThatMaskOnAViewAreTimed() throws Exception {
        // each page as an analyst (masked) and as the role that sees exact figures: the difference is the masking
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("/centers/reports?by=month", "CENTER_STAFF");
        pages.put("/centers/reports?by=language", "CENTER_STAFF");
        pages.put("/centers/reports?by=center", "CENTER_STAFF");
        pages.put("/centers/reports.csv?by=month", "CENTER_STAFF");
        pages.put("/engagement/reports", "ADMIN");
        pages.put("/adequacy", "NETWORK_MANAGER");
        pages.put("/adequacy/export/summary.csv", "NETWORK_MANAGER");
        pages.put("/housing/outcomes?by=spa", "CASE_MANAGER");
        pages.put("/housing/outcomes?by=program", "CASE_MANAGER");
        pages.put("/housing/outcomes/health", "CASE_MANAGER");
        for (var page : pages.entrySet()) {
            for (String role : List.of(page.getValue(), "ANALYST")) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    long started = System.nanoTime();
                    mvc.perform(get(page.getKey()).with(user("reader").roles(role)))
                            .andExpect(status().isOk());
                    millis.add((System.nanoTime() - started) / 1_000_000);
                }
                System.out.printf("insights masks: other module page %s as %s, %s ms%n", page.getKey(), role, millis);
            }
        }
    }

    /** The exports of promoter events and reach by SPA and by region, today's figures and a trend: as downloaded. */
    private Map<String, String> views() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String measure : List.of("promoter-events", "promoter-reach")) {
            for (String level : List.of("spa", "rcac")) {
                out.put(
                        measure + " " + level,
                        fetch("/insights/export.csv", Map.of("measure", measure, "level", level, "period", "current")));
            }
            out.put(
                    measure + " trend",
                    fetch("/insights/trends.csv", Map.of("measure", measure, "level", "spa", "area", "4")));
        }
        return out;
    }

    private String fetch(String path, Map<String, String> params) throws Exception {
        var request = get(path).with(user("analyst").roles("ANALYST"));
        params.forEach(request::param);
        return new String(
                mvc.perform(request)
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray(),
                StandardCharsets.UTF_8);
    }

    private static Figure undecided(Figure f) {
        return undecided(f, f.numerator());
    }

    /** The figure with another numerator and no masks. */
    private static Figure undecided(Figure f, java.math.BigDecimal numerator) {
        return new Figure(
                f.measure(),
                f.level(),
                f.area(),
                f.stratumKind(),
                f.stratumValue(),
                f.periodKind(),
                f.period(),
                numerator,
                f.denominator());
    }
}
