package org.commonweal.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.grants.GrantAwarded;
import org.commonweal.insights.internal.Family;
import org.commonweal.insights.internal.Figure;
import org.commonweal.insights.internal.FigureMasks;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.InsightsRefresh;
import org.commonweal.insights.internal.Measure;
import org.commonweal.insights.internal.RefreshJobs;
import org.commonweal.insights.internal.SmallCells;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Summary cells checked against direct counts on the demo data (through the coverage API, or SQL on the source
 * module's tables here in the test only), the event-driven refresh of one family, the pages and the exports.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsIntegrationTests {

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    FigureStore store;

    @Autowired
    RefreshJobs jobs;

    @Autowired
    Coverage coverage;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    LocalDate today;

    @BeforeAll
    void refreshEverything() {
        refresh.refreshAll("test");
        today = LocalDate.now(refresh.zone());
    }

    private Optional<Figure> cell(
            Measure measure, String level, int area, String kind, String value, String periodKind, LocalDate period) {
        LocalDate p =
                period != null ? period : store.periods(measure, periodKind).getFirst();
        return store.cells(measure, level, kind, value, periodKind, p).stream()
                .filter(f -> f.level().equals(level) && f.area() == area)
                .findFirst();
    }

    private static long n(Optional<Figure> f) {
        return f.map(x -> x.numerator().longValue()).orElse(0L);
    }

    @Test
    void membersPerSpaAndLanguageMatchTheMembersStreamedByCoverage() {
        long[] spa4 = new long[1];
        long[] spa4Spanish = new long[1];
        long[] region6 = new long[1];
        long[] all = new long[1];
        coverage.forEachActiveMember(today, "insights test: check of summary figures", m -> {
            all[0]++;
            if (Integer.valueOf(4).equals(m.spa())) {
                spa4[0]++;
                if ("es".equals(m.spokenLanguage())) {
                    spa4Spanish[0]++;
                }
            }
            if (Integer.valueOf(6).equals(m.rcacRegion())) {
                region6[0]++;
            }
        });
        assertThat(all[0]).as("the small demo has members").isGreaterThan(1000);
        assertThat(n(cell(Measure.MEMBERS, "county", 0, "all", "", "current", today)))
                .isEqualTo(all[0]);
        assertThat(n(cell(Measure.MEMBERS, "spa", 4, "all", "", "current", today)))
                .isEqualTo(spa4[0]);
        assertThat(n(cell(Measure.MEMBERS, "spa", 4, "language", "es", "current", today)))
                .isEqualTo(spa4Spanish[0]);
        assertThat(n(cell(Measure.MEMBERS, "rcac", 6, "all", "", "current", today)))
                .isEqualTo(region6[0]);
        assertThat(cell(Measure.MEMBERS, "spa", 4, "all", "", "current", today)
                        .orElseThrow()
                        .denominator())
                .as("residents of SPA 4")
                .isGreaterThan(BigDecimal.valueOf(500_000));
    }

    @Test
    void membersOnTheFirstOfEachMonthMatchTheMembersStreamedForThatDay() {
        for (LocalDate month :
                List.of(today.withDayOfMonth(1), today.withDayOfMonth(1).minusMonths(7))) {
            long[] spa6 = new long[1];
            long[] region3 = new long[1];
            long[] all = new long[1];
            coverage.forEachActiveMember(month, "insights test: check of monthly figures", m -> {
                all[0]++;
                spa6[0] += Integer.valueOf(6).equals(m.spa()) ? 1 : 0;
                region3[0] += Integer.valueOf(3).equals(m.rcacRegion()) ? 1 : 0;
            });
            assertThat(n(cell(Measure.MEMBERS, "county", 0, "all", "", "month", month)))
                    .as(month.toString())
                    .isEqualTo(all[0])
                    .isPositive();
            assertThat(n(cell(Measure.MEMBERS, "spa", 6, "all", "", "month", month)))
                    .isEqualTo(spa6[0]);
            assertThat(n(cell(Measure.MEMBERS, "rcac", 3, "all", "", "month", month)))
                    .isEqualTo(region3[0]);
        }
    }

    @Test
    void adequacyMatchesTheLatestRunsResults() {
        var direct = jdbc.sql("""
                select sum(members) as members, sum(met) as met from adequacy.run_zip_result
                where run_id = (select id from adequacy.run order by finished_at desc, id desc limit 1) and spa = 6""")
                .query((rs, i) -> new long[] {rs.getLong("members"), rs.getLong("met")})
                .single();
        var cell = cell(Measure.ADEQUACY, "spa", 6, "all", "", "current", null).orElseThrow();
        assertThat(cell.denominator().longValue()).isEqualTo(direct[0]).isPositive();
        assertThat(cell.numerator().longValue()).isEqualTo(direct[1]);
        assertThat(store.stratumValues(Measure.ADEQUACY, "provider_type")).isNotEmpty();
    }

    @Test
    void centerVisitsAndAttendanceMatchDirectCountsForEachSpa() {
        LocalDate windowStart = today.withDayOfMonth(1).minusMonths(11);
        LocalDate windowEnd = today.withDayOfMonth(1).plusMonths(1);
        for (int spa = 1; spa <= 8; spa++) {
            long visits = jdbc.sql("""
                    select count(*) from centers.visit v join centers.center c on c.id = v.center_id
                    where c.spa = ? and (v.visited_at at time zone 'America/Los_Angeles')::date >= ?
                      and (v.visited_at at time zone 'America/Los_Angeles')::date < ?""")
                    .params(spa, windowStart, windowEnd)
                    .query(Long.class)
                    .single();
            long attended = jdbc.sql("""
                    select count(*) from centers.registration r join centers.class_session s on s.id = r.session_id
                    join centers.center c on c.id = s.center_id
                    where r.status = 'attended' and c.spa = ? and (s.starts_at at time zone 'America/Los_Angeles')::date >= ?
                      and (s.starts_at at time zone 'America/Los_Angeles')::date < ?""")
                    .params(spa, windowStart, windowEnd)
                    .query(Long.class)
                    .single();
            assertThat(n(cell(Measure.CENTER_VISITS, "spa", spa, "all", "", "current", today)))
                    .as("spa " + spa)
                    .isEqualTo(visits);
            assertThat(n(cell(Measure.CLASS_ATTENDANCE, "spa", spa, "all", "", "current", today)))
                    .as("spa " + spa)
                    .isEqualTo(attended);
        }
        assertThat(n(cell(Measure.CENTER_VISITS, "county", 0, "all", "", "current", today)))
                .isPositive();
    }

    @Test
    void promoterReachMatchesTheEventsOfTheWindow() {
        LocalDate windowStart = today.withDayOfMonth(1).minusMonths(11);
        LocalDate windowEnd = today.withDayOfMonth(1).plusMonths(1);
        var direct = jdbc.sql("""
                select count(*) as events, coalesce(sum(attendees_members + attendees_nonmembers), 0) as reach
                from engagement.outreach_event e join engagement.promoter p on p.id = e.promoter_id
                where coalesce(e.spa, p.spa) = 6 and e.held_on >= ? and e.held_on < ?""")
                .params(windowStart, windowEnd)
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                .single();
        assertThat(n(cell(Measure.PROMOTER_EVENTS, "spa", 6, "all", "", "current", today)))
                .isEqualTo(direct[0]);
        assertThat(n(cell(Measure.PROMOTER_REACH, "spa", 6, "all", "", "current", today)))
                .isEqualTo(direct[1]);
        assertThat(n(cell(Measure.PROMOTER_EVENTS, "county", 0, "all", "", "current", today)))
                .isPositive();
    }

    @Test
    void grantsCountDollarsAndUniqueOrganizationsMatchTheAwardsOfAYear() {
        int year = jdbc.sql("select extract(year from max(awarded_on))::int from grants.award")
                .query(Integer.class)
                .single();
        for (int spa = 1; spa <= 8; spa++) {
            var direct = jdbc.sql("""
                    select count(*), coalesce(sum(a.amount), 0), count(distinct o.ein)
                    from grants.award a join grants.organization o on o.id = a.organization_id
                    where o.spa = ? and extract(year from a.awarded_on) = ?""")
                    .params(spa, year)
                    .query((rs, i) -> new Object[] {rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3)})
                    .single();
            LocalDate jan1 = LocalDate.of(year, 1, 1);
            assertThat(n(cell(Measure.GRANTS_AWARDED, "spa", spa, "all", "", "year", jan1)))
                    .isEqualTo(direct[0]);
            assertThat(cell(Measure.GRANT_DOLLARS, "spa", spa, "all", "", "year", jan1)
                            .map(Figure::numerator)
                            .orElse(BigDecimal.ZERO))
                    .isEqualByComparingTo((BigDecimal) direct[1]);
            assertThat(n(cell(Measure.GRANT_ORGANIZATIONS, "spa", spa, "all", "", "year", jan1)))
                    .isEqualTo(direct[2]);
        }
        assertThat(n(cell(Measure.GRANTS_AWARDED, "county", 0, "all", "", "year", LocalDate.of(year, 1, 1))))
                .isPositive();
    }

    @Test
    void housingRetentionMatchesTheMoveInsCountedOneByOne() {
        long[] dueRetained = new long[2];
        jdbc.sql("""
                select e.move_in_date, e.exit_date, e.destination from housing.enrollment e
                join housing.project p on p.id = e.project_id
                where p.project_type in (3, 9, 10, 13) and e.move_in_date is not null""").query(rs -> {
            LocalDate moveIn = rs.getObject(1, LocalDate.class);
            LocalDate exit = rs.getObject(2, LocalDate.class);
            Integer destination = (Integer) rs.getObject(3);
            LocalDate checkpoint = moveIn.plusMonths(12);
            if (checkpoint.isAfter(today)) {
                return;
            }
            boolean stayed = exit == null || !exit.isBefore(checkpoint);
            if (!stayed && destination != null && destination == 24) {
                return;
            }
            dueRetained[0]++;
            if (stayed || (destination != null && destination / 100 == 4)) {
                dueRetained[1]++;
            }
        });
        var cell = cell(Measure.HOUSING_RETENTION, "county", 0, "all", "", "current", null)
                .orElseThrow();
        assertThat(cell.denominator().longValue()).isEqualTo(dueRetained[0]).isPositive();
        assertThat(cell.numerator().longValue()).isEqualTo(dueRetained[1]);
        assertThat(n(cell(Measure.HOUSING_CLIENTS, "county", 0, "all", "", "current", today)))
                .isPositive();
    }

    @Test
    void aGrantAwardedRefreshesOnlyTheGrantsFigures() throws Exception {
        Instant coverageBefore = store.refresh(Family.COVERAGE).orElseThrow().refreshedAt();
        Instant grantsBefore = store.refresh(Family.GRANTS).orElseThrow().refreshedAt();
        transactions.executeWithoutResult(
                tx -> events.publishEvent(new GrantAwarded(-1, "TEST-EVENT", "95-0000000", BigDecimal.ONE)));
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline
                && !store.refresh(Family.GRANTS).orElseThrow().refreshedAt().isAfter(grantsBefore)) {
            // the listener writes a pending row after commit; take it now rather than wait for the debounce
            jobs.refreshPending(Instant.now().plusSeconds(3600));
            Thread.sleep(200);
        }
        var grants = store.refresh(Family.GRANTS).orElseThrow();
        assertThat(grants.refreshedAt()).isAfter(grantsBefore);
        assertThat(grants.trigger()).isEqualTo("event");
        assertThat(store.refresh(Family.COVERAGE).orElseThrow().refreshedAt()).isEqualTo(coverageBefore);
    }

    @Test
    void theDebouncedJobWaitsUntilTheEventsAreQuiet() {
        store.requestRefresh(Family.HOUSING, "test");
        assertThat(jobs.refreshPending(Instant.now().minusSeconds(3600))).doesNotContain(Family.HOUSING);
        assertThat(jobs.refreshPending(Instant.now().plusSeconds(3600))).contains(Family.HOUSING);
    }

    @Test
    void theMapPageShowsEveryAreaAndMasksSmallCells() throws Exception {
        // a group small enough to be masked somewhere: Spanish-speaking visits by region
        String page = mvc.perform(get("/insights")
                        .param("measure", "members")
                        .param("level", "rcac")
                        .param("group", "race:other")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (int region = 1; region <= 11; region++) {
            assertThat(page).contains("data-area=\"" + region + "\"");
        }
        assertThat(page).contains("id=\"insights-table\"").contains("id=\"insights-map\"");
        List<Figure> cells = store.cells(Measure.MEMBERS, "rcac", "race", "other", "current", today);
        boolean anySmall = cells.stream().anyMatch(f -> SmallCells.small(f.numerator()));
        if (anySmall) {
            assertThat(page).contains(SmallCells.MASK);
        }
        for (Figure f : cells) {
            if (!SmallCells.small(f.numerator()) && f.numerator().signum() > 0) {
                // shown, unless masked as a complement of a small one
                assertThat(page)
                        .containsAnyOf(
                                String.format(
                                        java.util.Locale.US,
                                        "%,d",
                                        f.numerator().longValue()),
                                SmallCells.MASK);
            }
        }
    }

    @Test
    void everyViewRendersForEveryMeasure() throws Exception {
        for (Measure m : Measure.values()) {
            for (String path : List.of("/insights", "/insights/gaps", "/insights/compare", "/insights/trends")) {
                mvc.perform(get(path)
                                .param("measure", m.code())
                                .param("level", "rcac")
                                .with(user("analyst").roles("ANALYST")))
                        .andExpect(status().isOk());
            }
        }
        mvc.perform(get("/insights")
                        .param("measure", "nope")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/insights")
                        .param("period", "month:2026-13")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theGapsPageRanksAtMostTenShortfalls() throws Exception {
        String page = mvc.perform(get("/insights/gaps")
                        .param("measure", "members")
                        .param("level", "rcac")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"gaps-table\"");
        int rows = page.split("<tr>").length - 2; // minus the text before and the header row
        assertThat(rows).isBetween(1, 10);
    }

    @Test
    void csvAndXlsxHoldTheSameCellsAsThePageWithNumbersAsNumbers() throws Exception {
        var params = new String[] {"center-visits", "spa", "language:es", "current"};
        String csv = new String(
                        mvc.perform(get("/insights/export.csv")
                                        .param("measure", params[0])
                                        .param("level", params[1])
                                        .param("group", params[2])
                                        .param("period", params[3])
                                        .with(user("analyst").roles("ANALYST")))
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsByteArray(),
                        java.nio.charset.StandardCharsets.UTF_8)
                .replace("\uFEFF", "");
        var records = org.apache.commons.csv.CSVFormat.RFC4180
                .parse(new java.io.StringReader(csv))
                .getRecords();
        // #22: the unit in the column's name, never in a cell; the suppression mark in its own column
        assertThat(records.getFirst().values())
                .containsExactly(
                        "measure",
                        "level",
                        "area",
                        "area_name",
                        "group",
                        "period",
                        "count",
                        "denominator",
                        "rate_per_1000",
                        "suppressed");
        assertThat(records).hasSize(1 + 8 + 1);
        List<Figure> cells = store.cells(Measure.CENTER_VISITS, "spa", "language", "es", "current", today);
        int checked = 0;
        for (var r : records.subList(1, records.size())) {
            for (int column = 6; column <= 8; column++) {
                assertThat(r.get(column)).as("a plain number or empty: " + r).matches("(-?\\d+(\\.\\d+)?)?");
            }
            Figure f = cells.stream()
                    .filter(c -> (c.level() + c.area()).equals(r.get(1) + r.get(2)))
                    .findFirst()
                    .orElse(null);
            if (f == null) {
                continue;
            }
            if (r.get(9).contains("count")) {
                assertThat(r.get(6)).isEmpty();
            } else {
                assertThat(new BigDecimal(r.get(6)))
                        .isEqualByComparingTo(f.numerator().setScale(0, RoundingMode.HALF_UP));
                checked++;
            }
            if (!r.get(9).contains("rate_per_1000") && !r.get(8).isEmpty()) {
                assertThat(Double.parseDouble(r.get(8)))
                        .isCloseTo(SmallCells.rate(f.measure(), f.numerator(), f.denominator()), within(0.05));
            }
        }
        assertThat(checked).isPositive();
        assertThat(csv).doesNotContain("%", "$");
        byte[] xlsx = mvc.perform(get("/insights/export.xlsx")
                        .param("measure", params[0])
                        .param("level", params[1])
                        .param("group", params[2])
                        .param("period", params[3])
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(records.size() - 1);
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var c = sheet.getRow(r).getCell(6);
                String inCsv = records.get(r).get(6);
                if (inCsv.isEmpty()) {
                    assertThat(c == null || c.getCellType() == org.apache.poi.ss.usermodel.CellType.BLANK)
                            .isTrue();
                } else {
                    assertThat(c.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.NUMERIC);
                    assertThat(c.getNumericCellValue()).isEqualTo(Double.parseDouble(inCsv));
                }
            }
        }
    }

    /** #22: the "one-page" brief is one page for every SPA and region in both languages, with one member count. */
    @Test
    void everyRegionBriefIsOnePageWithTheMemberCountOnce() throws Exception {
        for (String level : List.of("spa", "rcac")) {
            int areas = level.equals("spa") ? 8 : 11;
            for (int area = 1; area <= areas; area++) {
                for (String lang : List.of("en", "es")) {
                    byte[] pdf = mvc.perform(get("/insights/briefs/" + level + "/" + area + ".pdf")
                                    .param("lang", lang)
                                    .with(user("analyst").roles("ANALYST")))
                            .andExpect(status().isOk())
                            .andReturn()
                            .getResponse()
                            .getContentAsByteArray();
                    try (var doc = Loader.loadPDF(pdf)) {
                        assertThat(doc.getNumberOfPages())
                                .as(level + " " + area + " " + lang)
                                .isEqualTo(1);
                        String text = new PDFTextStripper().getText(doc);
                        String label = lang.equals("es") ? "Miembros en esta área: " : "Members in this area: ";
                        assertThat(text.split(java.util.regex.Pattern.quote(label), -1))
                                .as("the member count once: " + level + " " + area)
                                .hasSize(2);
                        int number = area;
                        Figure members = store.cells(Measure.MEMBERS, level, "all", "", "current", today).stream()
                                .filter(f -> f.area() == number)
                                .findFirst()
                                .orElseThrow();
                        assertThat(text)
                                .contains(label
                                        + SmallCells.show(members.measure(), members.numerator(), members.denominator())
                                                .count());
                    }
                }
            }
        }
    }

    @Test
    void theRegionBriefIsAPdfInEnglishAndSpanish() throws Exception {
        for (String lang : List.of("en", "es")) {
            byte[] pdf = mvc.perform(get("/insights/briefs/rcac/6.pdf")
                            .param("lang", lang)
                            .with(user("promoter").roles("ENGAGEMENT_STAFF")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsByteArray();
            try (var doc = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("Metro");
                assertThat(text).contains(lang.equals("es") ? "Miembros por grupo" : "Members by group");
                assertThat(text).contains(lang.equals("es") ? "Asistencia a clases" : "Class attendance");
            }
        }
        mvc.perform(get("/insights/briefs/rcac/12.pdf").with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
    }

    /**
     * "Refresh all now" answers at once with the job's page, which polls while the refresh runs in the background; two
     * presses make one refresh, the other job saying that one is already running (#19).
     */
    @Test
    void theRefreshButtonRebuildsTheFiguresInTheBackgroundOneAtATime() throws Exception {
        AtomicLong before = new AtomicLong(
                store.refresh(Family.HOUSING).orElseThrow().refreshedAt().toEpochMilli());
        var analyst = user("analyst").roles("ANALYST");
        List<String> jobPages = new ArrayList<>();
        for (int press = 0; press < 2; press++) {
            jobPages.add(mvc.perform(post("/insights/refresh").with(csrf()).with(analyst))
                    .andExpect(status().is3xxRedirection())
                    .andReturn()
                    .getResponse()
                    .getRedirectedUrl());
        }
        assertThat(jobPages).allMatch(u -> u.matches("/insights/refresh/[0-9a-f-]{36}"));
        // the answer came before the refresh ended (it takes seconds to minutes): the page polls for its end
        String pending = mvc.perform(get(jobPages.getFirst()).with(analyst))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(pending)
                .contains("id=\"upload-job-pending\"", "hx-get=\"" + jobPages.getFirst() + "\"")
                .containsAnyOf("The figures are being refreshed.", "The refresh waits for a free background worker.")
                .doesNotContain("Your file");
        // another user's job is not theirs to see
        mvc.perform(get(jobPages.getFirst()).with(user("admin").roles("ADMIN"))).andExpect(status().isNotFound());
        List<String> ended = new ArrayList<>();
        for (String page : jobPages) {
            ended.add(endOf(page));
        }
        assertThat(ended)
                .filteredOn(p -> p.contains("The figures were refreshed."))
                .hasSize(1);
        assertThat(ended)
                .filteredOn(p -> p.contains("A refresh is already running; the figures will update when it ends."))
                .hasSize(1);
        var after = store.refresh(Family.HOUSING).orElseThrow();
        assertThat(after.refreshedAt().toEpochMilli()).isGreaterThan(before.get());
        assertThat(after.trigger()).isEqualTo("button");
        assertThat(ended.getFirst()).contains("Refresh button").doesNotContain(">button<");
        String spanish = mvc.perform(get(jobPages.getFirst()).with(analyst).locale(Locale.forLanguageTag("es")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(spanish).containsAnyOf("Las cifras se actualizaron.", "Ya hay una actualización en curso");
    }

    /** The job's page once the job has ended, polled as the page's own block does. */
    private String endOf(String jobPage) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(10).toNanos();
        while (true) {
            String page = mvc.perform(get(jobPage).with(user("analyst").roles("ANALYST")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            if (!page.contains("id=\"upload-job-pending\"")) {
                assertThat(page).doesNotContain("id=\"upload-job-failed\"");
                return page;
            }
            assertThat(System.nanoTime())
                    .as("the refresh ended within 10 minutes")
                    .isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    /** What the small-cell rule did to each measure at its last refresh, on a page, in words (#19). */
    @Test
    void theMaskAuditOfEveryMeasureIsShownInWords() throws Exception {
        var audits = store.maskAudits();
        assertThat(audits).isNotEmpty();
        for (Locale language : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
            String page = mvc.perform(get("/insights/disclosure")
                            .locale(language)
                            .with(user("analyst").roles("ANALYST")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            var rows = java.util.regex.Pattern.compile(
                            "<tr[^>]*>\\s*<th scope=\"row\">([^<]+)</th>((?:\\s*<td[^>]*>[^<]*</td>)+)")
                    .matcher(page)
                    .results()
                    .toList();
            assertThat(rows).hasSize(audits.size());
            for (Measure measure : Measure.values()) {
                var audit = audits.get(measure.code());
                if (audit == null) {
                    continue;
                }
                // the row of the measure, named in words (never its code), with the stored figures
                assertThat(page).doesNotContain(">" + measure.code() + "<");
                assertThat(rows)
                        .anySatisfy(r -> assertThat(r.group(2)
                                        .replaceAll("<[^>]+>", " ")
                                        .replaceAll("[,.\u00a0]", "")
                                        .replaceAll("\\s+", " ")
                                        .trim())
                                .startsWith(audit.counts() + " " + audit.small() + " " + audit.masked() + " "
                                        + audit.unaudited() + " "));
            }
            int unaudited = audits.values().stream()
                    .mapToInt(FigureMasks.Audit::unaudited)
                    .sum();
            if (language.getLanguage().equals("en")) {
                assertThat(page)
                        .contains("Small-cell protection", "Counts from 1 to 10")
                        .contains(
                                unaudited == 0
                                        ? "The audit proved every small count of every measure safe."
                                        : "not proven safe by the audit within its limits");
            } else {
                assertThat(page).contains("Protección de celdas pequeñas", "Conteos de 1 a 10");
            }
        }
        mvc.perform(get("/insights/disclosure").with(user("engagement-staff").roles("ENGAGEMENT_STAFF")))
                .andExpect(status().isForbidden());
    }
}
