package org.commonweal.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.coverage.Coverage;
import org.commonweal.insights.internal.Figure;
import org.commonweal.insights.internal.FigureStore;
import org.commonweal.insights.internal.InsightsRefresh;
import org.commonweal.insights.internal.Measure;
import org.commonweal.insights.internal.SmallCells;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Trends by population group (checked against the members streamed by coverage for a month's first day) and adequacy
 * across two stored runs (checked against the runs' results), on the pages and in the trend exports.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsTrendsIntegrationTests {

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    FigureStore store;

    @Autowired
    Coverage coverage;

    @Autowired
    Adequacy adequacy;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    LocalDate today;
    /** Two runs of the trend's scope measured on different dates, newest first. */
    List<Adequacy.RunSummary> twoRuns;

    @BeforeAll
    void twoAdequacyRunsAndARefresh() {
        today = LocalDate.now(refresh.zone());
        List<Adequacy.RunSummary> runs = adequacy.runs();
        if (runs.isEmpty()) {
            adequacy.run(today, null, "insights-test");
            runs = adequacy.runs();
        }
        String scope = runs.getFirst().productLine();
        var ofScope = runs.stream()
                .filter(r -> Objects.equals(r.productLine(), scope))
                .toList();
        if (ofScope.stream().map(Adequacy.RunSummary::measuredOn).distinct().count() < 2) {
            // an earlier date, then the latest date again, so the latest run stays what it was
            LocalDate latest = ofScope.getFirst().measuredOn();
            adequacy.run(latest.minusMonths(2), scope, "insights-test");
            adequacy.run(latest, scope, "insights-test");
            ofScope = adequacy.runs().stream()
                    .filter(r -> Objects.equals(r.productLine(), scope))
                    .toList();
        }
        Adequacy.RunSummary newest = ofScope.getFirst();
        Adequacy.RunSummary older = ofScope.stream()
                .filter(r -> !r.measuredOn().equals(newest.measuredOn()))
                .findFirst()
                .orElseThrow();
        twoRuns = List.of(newest, older);
        refresh.refreshAll("test");
    }

    private Figure cell(
            Measure measure, String level, int area, String kind, String value, String periodKind, LocalDate period) {
        return store.cells(measure, level, kind, value, periodKind, period).stream()
                .filter(f -> f.level().equals(level) && f.area() == area)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " " + level + " " + area + " " + kind + ":"
                        + value + " " + periodKind + " " + period));
    }

    private static String ageBand(LocalDate birth, LocalDate on) {
        if (birth == null) {
            return "unknown";
        }
        return birth.isAfter(on.minusYears(18)) ? "0-17" : birth.isAfter(on.minusYears(65)) ? "18-64" : "65+";
    }

    @Test
    void membersByGroupOnTheFirstOfAMonthMatchTheMembersStreamedForThatDay() {
        for (LocalDate month :
                List.of(today.withDayOfMonth(1), today.withDayOfMonth(1).minusMonths(5))) {
            Map<String, Long> spa6Lines = new HashMap<>();
            Map<String, Long> region3Languages = new HashMap<>();
            Map<String, Long> countyAges = new HashMap<>();
            Map<String, Long> spa4Sexes = new HashMap<>();
            coverage.forEachActiveMember(month, "insights test: check of monthly figures by group", m -> {
                if (Integer.valueOf(6).equals(m.spa())) {
                    spa6Lines.merge(m.productLine(), 1L, Long::sum);
                }
                if (Integer.valueOf(3).equals(m.rcacRegion())) {
                    region3Languages.merge(blank(m.spokenLanguage()), 1L, Long::sum);
                }
                if (Integer.valueOf(4).equals(m.spa())) {
                    spa4Sexes.merge(blank(m.sex()), 1L, Long::sum);
                }
                countyAges.merge(ageBand(m.birthDate(), month), 1L, Long::sum);
            });
            assertThat(spa6Lines).as("members of SPA 6 on " + month).isNotEmpty();
            spa6Lines.forEach(
                    (line, n) -> assertThat(cell(Measure.MEMBERS, "spa", 6, "product_line", line, "month", month)
                                    .numerator()
                                    .longValue())
                            .as("SPA 6 " + line + " " + month)
                            .isEqualTo(n));
            region3Languages.forEach(
                    (language, n) -> assertThat(cell(Measure.MEMBERS, "rcac", 3, "language", language, "month", month)
                                    .numerator()
                                    .longValue())
                            .as("region 3 " + language + " " + month)
                            .isEqualTo(n));
            spa4Sexes.forEach((sex, n) -> assertThat(cell(Measure.MEMBERS, "spa", 4, "sex", sex, "month", month)
                            .numerator()
                            .longValue())
                    .as("SPA 4 " + sex + " " + month)
                    .isEqualTo(n));
            countyAges.forEach((band, n) -> assertThat(cell(Measure.MEMBERS, "county", 0, "age", band, "month", month)
                            .numerator()
                            .longValue())
                    .as("county " + band + " " + month)
                    .isEqualTo(n));
            // each member counts in one line: the lines add up to everyone
            long all = cell(Measure.MEMBERS, "spa", 6, "all", "", "month", month)
                    .numerator()
                    .longValue();
            assertThat(spa6Lines.values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(all);
            // product lines have residents as denominator, like everyone; other groups have none
            String line = spa6Lines.keySet().iterator().next();
            assertThat(cell(Measure.MEMBERS, "spa", 6, "product_line", line, "month", month)
                            .denominator())
                    .isEqualByComparingTo(cell(Measure.MEMBERS, "spa", 6, "all", "", "month", month)
                            .denominator());
        }
    }

    private static String blank(String value) {
        return value == null || value.isEmpty() ? "unknown" : value;
    }

    @Test
    void aGroupsYearIsTheAverageOfItsMonthsAndItsRatesHaveThatGroupsMembersAsDenominator() {
        LocalDate year = today.withDayOfYear(1);
        var months = store.trend(Measure.MEMBERS, "spa", 4, "language", "es", "month").stream()
                .filter(f -> f.period().getYear() == today.getYear())
                .toList();
        assertThat(months).isNotEmpty();
        BigDecimal average = months.stream()
                .map(Figure::numerator)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(months.size()), 1, RoundingMode.HALF_UP);
        assertThat(cell(Measure.MEMBERS, "spa", 4, "language", "es", "year", year)
                        .numerator())
                .isEqualByComparingTo(average);
        // a stratified monthly flow: its denominator is the members of the same group on that month's first day
        var visits = store.trend(Measure.CENTER_VISITS, "county", 0, "language", "es", "month");
        assertThat(visits).as("center visits by Spanish speakers by month").isNotEmpty();
        for (Figure f : visits) {
            assertThat(f.denominator())
                    .as(f.period().toString())
                    .isEqualByComparingTo(cell(Measure.MEMBERS, "county", 0, "language", "es", "month", f.period())
                            .numerator());
        }
    }

    @Test
    void theTrendsPageAndItsExportsShowAGroupsCellsSuppressedAsEverywhere() throws Exception {
        // a small monthly cell of some group: its count and rate are masked on the page and in both exports
        Figure small = jdbc.sql("""
                select measure, geo_level, area, stratum_kind, stratum_value, period from insights.figure
                where period_kind = 'month' and stratum_kind <> 'all' and geo_level = 'spa'
                  and numerator between 1 and 10 and denominator is not null
                order by measure, area, period limit 1""")
                .query((rs, i) -> new Figure(
                        Measure.of(rs.getString(1)).orElseThrow(),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        rs.getString(5),
                        "month",
                        rs.getObject(6, LocalDate.class),
                        null,
                        null))
                .single();
        String group = small.stratumKind() + ":" + small.stratumValue();
        String page = mvc.perform(get("/insights/trends")
                        .param("measure", small.measure().code())
                        .param("level", "spa")
                        .param("group", group)
                        .param("area", Integer.toString(small.area()))
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String monthRow = page.substring(page.indexOf(">" + YearMonth.from(small.period()) + "<"));
        monthRow = monthRow.substring(0, monthRow.indexOf("</tr>"));
        assertThat(monthRow).contains(SmallCells.MASK);

        String csv = new String(
                        mvc.perform(get("/insights/trends.csv")
                                        .param("measure", small.measure().code())
                                        .param("level", "spa")
                                        .param("group", group)
                                        .param("area", Integer.toString(small.area()))
                                        .with(user("analyst").roles("ANALYST")))
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsByteArray(),
                        StandardCharsets.UTF_8)
                .replace("\uFEFF", "");
        List<String> lines = csv.lines().toList();
        // #22: numbers as numbers, the unit in the column's name, the suppression mark in its own column
        assertThat(lines.getFirst())
                .isEqualTo("measure,level,area,area_name,group,period_kind,period,"
                        + (small.measure().numeratorIsCount() ? "count" : "amount_usd") + ",denominator,"
                        + switch (small.measure().unit()) {
                            case PER_1000 -> "rate_per_1000";
                            case PERCENT -> "rate_percent";
                            case DOLLARS_PER_MEMBER -> "usd_per_member";
                            case COUNT -> "rate";
                        }
                        + ",suppressed");
        var stored =
                store.trend(small.measure(), "spa", small.area(), small.stratumKind(), small.stratumValue(), "month");
        var storedYears =
                store.trend(small.measure(), "spa", small.area(), small.stratumKind(), small.stratumValue(), "year");
        assertThat(lines).hasSize(1 + stored.size() + storedYears.size());
        for (Figure f : stored) {
            var shown = SmallCells.show(f.measure(), f.numerator(), f.denominator());
            String line = lines.stream()
                    .filter(l -> l.contains(",month," + YearMonth.from(f.period()) + ","))
                    .findFirst()
                    .orElseThrow();
            assertThat(line).startsWith(small.measure().code() + ",spa," + small.area() + ",");
            // as the figure alone would be shown, or masked as a complement (so no small cell can be worked back)
            String[] cells = line.split(",", -1);
            String count = cells[cells.length - 4];
            assertThat(count).as(line).matches("\\d*");
            assertThat(count.isEmpty() ? "masked" : count)
                    .as(line)
                    .isIn(shown.count().replace(",", "").replace("$", ""), "masked");
            if (count.isEmpty()) {
                assertThat(cells[cells.length - 1]).as(line).contains("count");
            }
        }
        String smallLine = lines.stream()
                .filter(l -> l.contains(",month," + YearMonth.from(small.period()) + ","))
                .findFirst()
                .orElseThrow();
        String[] smallCells = smallLine.split(",", -1);
        assertThat(smallCells[smallCells.length - 1])
                .as("count and rate masked: " + smallLine)
                .contains("count")
                .contains("rate");
        assertThat(smallCells[smallCells.length - 4]).isEmpty();
        assertThat(smallCells[smallCells.length - 2]).isEmpty();

        byte[] xlsx = mvc.perform(get("/insights/trends.xlsx")
                        .param("measure", small.measure().code())
                        .param("level", "spa")
                        .param("group", group)
                        .param("area", Integer.toString(small.area()))
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(lines.size() - 1);
            boolean masked = false;
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                var row = sheet.getRow(r);
                if (row.getCell(6)
                        .toString()
                        .equals(YearMonth.from(small.period()).toString())) {
                    masked = row.getCell(7) == null
                            && row.getCell(9) == null
                            && row.getCell(10).getStringCellValue().contains("count");
                }
            }
            assertThat(masked).as("the small cell is masked in the XLSX").isTrue();
        }
    }

    @Test
    void adequacyAcrossTwoRunsMatchesEachRunsResults() throws Exception {
        for (Adequacy.RunSummary run : twoRuns) {
            long[] direct = jdbc.sql("""
                    select coalesce(sum(members), 0), coalesce(sum(met), 0) from adequacy.run_zip_result
                    where run_id = ? and spa = 6""")
                    .param(run.id())
                    .query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)})
                    .single();
            Figure all = cell(Measure.ADEQUACY, "spa", 6, "all", "", "run", run.measuredOn());
            assertThat(all.denominator().longValue())
                    .as("run " + run.id())
                    .isEqualTo(direct[0])
                    .isPositive();
            assertThat(all.numerator().longValue()).isEqualTo(direct[1]);
            var byType = jdbc.sql("""
                    select provider_type, sum(members), sum(met) from adequacy.run_zip_result
                    where run_id = ? and rcac_region = 3 group by provider_type""")
                    .param(run.id())
                    .query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)})
                    .list();
            assertThat(byType).isNotEmpty();
            for (Object[] t : byType) {
                Figure f = cell(Measure.ADEQUACY, "rcac", 3, "provider_type", (String) t[0], "run", run.measuredOn());
                assertThat(f.denominator().longValue())
                        .as(t[0] + " run " + run.id())
                        .isEqualTo((Long) t[1]);
                assertThat(f.numerator().longValue()).isEqualTo((Long) t[2]);
            }
        }
        var trend = store.trend(Measure.ADEQUACY, "spa", 6, "all", "", "run");
        assertThat(trend)
                .extracting(Figure::period)
                .contains(twoRuns.get(0).measuredOn(), twoRuns.get(1).measuredOn())
                .isSorted()
                .doesNotHaveDuplicates();

        String page = mvc.perform(get("/insights/trends")
                        .param("measure", "adequacy")
                        .param("area", "6")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"trend-runs\"")
                .doesNotContain("id=\"trends-none\"")
                .contains(">" + twoRuns.get(0).measuredOn() + "<")
                .contains(">" + twoRuns.get(1).measuredOn() + "<");
        String csv = new String(
                mvc.perform(get("/insights/trends.csv")
                                .param("measure", "adequacy")
                                .param(
                                        "group",
                                        "provider_type:"
                                                + jdbc.sql("""
                                select provider_type from adequacy.run_zip_result where run_id = ? limit 1""")
                                                        .param(twoRuns.get(0).id())
                                                        .query(String.class)
                                                        .single())
                                .param("area", "6")
                                .with(user("analyst").roles("ANALYST")))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsByteArray(),
                StandardCharsets.UTF_8);
        assertThat(csv.lines().filter(l -> l.contains(",run,"))).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aGroupOfAnotherMeasureOrAnUnknownAreaIsABadRequest() throws Exception {
        mvc.perform(get("/insights/trends")
                        .param("measure", "grant-dollars")
                        .param("group", "language:es")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/insights/trends.csv")
                        .param("measure", "members")
                        .param("area", "99")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
    }
}
