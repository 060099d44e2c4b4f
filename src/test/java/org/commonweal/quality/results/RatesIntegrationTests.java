package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.EligibilityInquiry;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.platform.LinearAttacker;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rates out: a run's results attributed to product line, PCP, clinic and medical group; rates against performance
 * levels computed by hand; the monthly trend; small cells and their complements masked across the tables, the trend
 * and the exports together (checked by the independent attacker).
 */
@IntegrationTest
class RatesIntegrationTests {

    private static final int YEAR = 2031; // a year no other test measures, so the fixture's levels stand alone

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PerformanceLevels levels;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    NetworkDirectory directory;

    @TempDir
    Path dir;

    private Long fixtureRun;

    @AfterEach
    void removeFixture() {
        jdbc.sql("delete from quality.performance_level where measurement_year = ?")
                .param(YEAR)
                .update();
        if (fixtureRun != null)
            jdbc.sql("delete from quality.measure_run where id = ?")
                    .param(fixtureRun)
                    .update();
    }

    /**
     * A run of 162 eligible members by hand: DSNP 120 (90 met), MC 37 (14 met), CMC 5 (2 met); 106 met in all; by the
     * month, 4 met at the end of January to May, 50 at the end of June to November, 106 at the end of the year.
     */
    private long fixture() throws IOException {
        fixtureRun = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  finished_at, members, started_by) values ('CMS130', 'urn:test', ?, ?, 'ecqm', now(), 162, 'test')
                returning id""")
                .params(LocalDate.of(YEAR, 1, 1), LocalDate.of(YEAR, 12, 31))
                .query(Long.class)
                .single();
        int n = 0;
        for (var group :
                List.of(new Object[] {"DSNP", 120, 90}, new Object[] {"MC", 37, 14}, new Object[] {"CMC", 5, 2})) {
            for (int i = 0; i < (int) group[1]; i++, n++) {
                jdbc.sql("""
                        insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                          denominator_exclusion, denominator_exception, numerator, product_line, sex)
                        values (?, ?, true, true, false, false, ?, ?, 'F')""")
                        .params(fixtureRun, "T" + n, i < (int) group[2], group[0])
                        .update();
            }
        }
        // one ineligible (excluded) member: counted nowhere
        jdbc.sql("""
                insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                  denominator_exclusion, denominator_exception, numerator, product_line, sex)
                values (?, 'EXCL', true, true, true, false, false, 'MC', 'F')""").param(fixtureRun).update();
        // month masks (bit k: met at the k-th month end): T0-T3 met from January, T4-T49 from June, T50-T105 in
        // December
        jdbc.sql("""
                update quality.measure_result set month_mask = case
                  when substr(member_id, 2)::int < 4 then 4095 when substr(member_id, 2)::int < 50 then 4064
                  when substr(member_id, 2)::int < 106 then 2048 else 0 end
                where run_id = ? and member_id like 'T%'""").param(fixtureRun).update();
        levels.load(new StringReader("""
                measure_id,measurement_year,minimum_rate,high_rate,better,source
                CMS130,%d,52.60,80.00,higher,test levels
                """.formatted(YEAR)));
        return fixtureRun;
    }

    private List<CSVRecord> csv(String path) throws Exception {
        var body = mvc.perform(get(path).with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        var records = CSVFormat.RFC4180
                .parse(new StringReader(body.replace("\uFEFF", "")))
                .getRecords();
        return records.subList(1, records.size());
    }

    private static Map<String, CSVRecord> byGroup(List<CSVRecord> lines) {
        var map = new HashMap<String, CSVRecord>();
        lines.forEach(r -> map.put(r.get(5), r));
        return map;
    }

    @Test
    void ratesPerProductLineAgainstTheLevelsAsComputedByHand() throws Exception {
        long run = fixture();
        var rows = byGroup(csv("/quality/runs/" + run + "/rates.csv?by=product_line"));

        // DSNP 90/120 = 75.00 %; the minimum (52.60 % of 120 = 63.12 → 64) is reached; the high level 80 % needs 96: 6
        // more
        assertThat(rows.get("DSNP").values())
                .containsExactly(
                        "CMS130",
                        String.valueOf(run),
                        YEAR + "-01-01",
                        YEAR + "-12-31",
                        "product_line",
                        "DSNP",
                        "120",
                        "90",
                        "75.0",
                        "52.60",
                        "80.00",
                        "0",
                        "6",
                        "false",
                        "");
        // all: 106/162 = 65.43 %; 80 % of 162 = 129.6 → 130: 24 more
        assertThat(rows.get("total").values())
                .containsExactly(
                        "CMS130",
                        String.valueOf(run),
                        YEAR + "-01-01",
                        YEAR + "-12-31",
                        "product_line",
                        "total",
                        "162",
                        "106",
                        "65.43",
                        "52.60",
                        "80.00",
                        "0",
                        "24",
                        "false",
                        "");
        // CMC's 5 and 2 are masked, with no rate and no distance to the levels
        assertThat(rows.get("CMC").values())
                .containsExactly(
                        "CMS130",
                        String.valueOf(run),
                        YEAR + "-01-01",
                        YEAR + "-12-31",
                        "product_line",
                        "CMC",
                        "",
                        "",
                        "",
                        "52.60",
                        "80.00",
                        "",
                        "",
                        "true",
                        "");
        // and the complement: MC cannot be shown whole, or 162 - 120 - 37 would give CMC back
        assertThat(rows.get("MC").get(13)).isEqualTo("true");

        var page = mvc.perform(get("/quality/runs/" + run)
                        .param("by", "product_line")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("Minimum performance level 52.6 %")
                .contains("Members to the high level")
                .contains("trend-table")
                .contains(">24<");
        var es = mvc.perform(get("/quality/runs/" + run)
                        .param("by", "product_line")
                        .header("Accept-Language", "es")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(es).contains("Nivel mínimo de desempeño").contains("Línea de producto");
        // only analysts and administrators download
        mvc.perform(get("/quality/runs/" + run + "/rates.csv").with(user("ms").roles("MEMBER_SERVICES")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/quality/runs/" + run + "/rates.csv")
                        .param("by", "nonsense")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isBadRequest());
    }

    @Test
    void theXlsxHasNumbersAsNumbersAndTheMaskInItsOwnColumn() throws Exception {
        long run = fixture();
        var bytes = mvc.perform(get("/quality/runs/" + run + "/rates.xlsx")
                        .param("by", "product_line")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            var sheet = workbook.getSheetAt(0);
            boolean sawDsnp = false;
            for (var row : sheet) {
                if (row.getRowNum() == 0 || !row.getCell(5).getStringCellValue().equals("DSNP")) continue;
                sawDsnp = true;
                assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(6).getNumericCellValue()).isEqualTo(120);
                assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(75.0);
                assertThat(row.getCell(12).getNumericCellValue()).isEqualTo(6);
                assertThat(row.getCell(13).getBooleanCellValue()).isFalse();
            }
            assertThat(sawDsnp).isTrue();
        }
        var trend = csv("/quality/runs/" + run + "/trend.csv");
        assertThat(trend)
                .extracting(r -> r.get(2) + " " + r.get(3) + " " + r.get(4) + " " + r.get(5) + " " + r.get(6))
                .containsExactly(
                        YEAR + "-01-31 162   true",
                        YEAR + "-02-28 162   true",
                        YEAR + "-03-31 162   true",
                        YEAR + "-04-30 162   true",
                        YEAR + "-05-31 162   true",
                        YEAR + "-06-30 162 50 30.86 false",
                        YEAR + "-07-31 162 50 30.86 false",
                        YEAR + "-08-31 162 50 30.86 false",
                        YEAR + "-09-30 162 50 30.86 false",
                        YEAR + "-10-31 162 50 30.86 false",
                        YEAR + "-11-30 162 50 30.86 false",
                        YEAR + "-12-31 162 106 65.43 false");
    }

    @Test
    void theAttackerGetsNoSmallCountBackFromTheTablesAndTheTrendTogether() throws Exception {
        long run = fixture();
        var attacker = new LinearAttacker().table();
        int cells = 0;
        for (var by : RateTables.GROUPINGS) {
            var eligibleParts = new ArrayList<String>();
            var metParts = new ArrayList<String>();
            for (var r : csv("/quality/runs/" + run + "/rates.csv?by=" + by)) {
                boolean total = r.get(5).equals("total");
                var name = total ? "total" : by + ":" + r.get(5);
                attacker.read(name + ":eligible" + (total ? ":" + by : ""), shown(r.get(6)));
                attacker.read(name + ":met" + (total ? ":" + by : ""), shown(r.get(7)));
                cells += 2;
                if (total) {
                    attacker.sum("total:eligible", List.of("total:eligible:" + by));
                    attacker.sum("total:met", List.of("total:met:" + by));
                    continue;
                }
                attacker.unpublished(name + ":not-met")
                        .sum(name + ":eligible", List.of(name + ":met", name + ":not-met"));
                eligibleParts.add(name + ":eligible");
                metParts.add(name + ":met");
            }
            attacker.sum("total:eligible:" + by, eligibleParts)
                    .sum("total:met:" + by, metParts)
                    .table();
        }
        attacker.unpublished("total:eligible").unpublished("total:met");
        for (var r : csv("/quality/runs/" + run + "/trend.csv")) {
            var m = "month:" + r.get(2);
            attacker.read(m + ":eligible", shown(r.get(3)))
                    .read(m + ":met", shown(r.get(4)))
                    .unpublished(m + ":not-met")
                    .sum(m + ":eligible", List.of(m + ":met", m + ":not-met"))
                    .sum("total:eligible", List.of(m + ":eligible"));
            if (r.get(2).equals(YEAR + "-12-31")) attacker.sum("total:met", List.of(m + ":met"));
            cells += 2;
        }
        assertThat(attacker.masked())
                .contains("product_line:CMC:eligible", "product_line:CMC:met", "month:" + YEAR + "-01-31:met");
        assertThat(attacker.breaches()).isEmpty();
        System.out.printf(
                "disclosure: quality rates (%d groupings) and trend, %d cells checked by the attacker%n",
                RateTables.GROUPINGS.size(), cells);
    }

    private static String shown(String csvValue) {
        return csvValue.isEmpty() ? org.commonweal.platform.CellSuppression.MASK : csvValue;
    }

    @Test
    void aRunAttributesEachResultToTheSpansProductLineAndPcpAndTracksTheColonoscopyMonth() throws Exception {
        PublishedMeasureContent.folder();
        var end = LocalDate.of(2026, 12, 31);
        var eligible = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (eligible.size() >= 2) return;
            coverage.findMember(m.memberId(), "test")
                    .filter(s -> s.birthDate() != null
                            && Period.between(s.birthDate(), end).getYears() >= 55
                            && Period.between(s.birthDate(), end).getYears() <= 70)
                    .ifPresent(s -> eligible.add(s.memberId()));
        });
        var text = new String(getClass()
                        .getResourceAsStream("/quality/claims/837p-colorectal.x12")
                        .readAllBytes())
                .replace("{MEMBER_A}", eligible.get(0))
                .replace("{MEMBER_B}", eligible.get(1))
                .replace("CLM*", "CLM*" + UUID.randomUUID().toString().substring(0, 8));
        var file = dir.resolve("837p-colorectal.x12");
        Files.writeString(file, text);
        claims.importFile(file, "test");

        var summary = runs.run("CMS130", LocalDate.of(2026, 1, 1), end, "test");

        for (var memberId : eligible) {
            var span = coverage.eligibility(List.of(new EligibilityInquiry(memberId, end)), "test")
                    .getFirst()
                    .orElseThrow()
                    .span();
            var stored = jdbc.sql("""
                    select product_line, pcp_npi, clinic, medical_group from quality.measure_result
                    where run_id = ? and member_id = ?""")
                    .params(summary.runId(), memberId)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                    .single();
            assertThat(stored[0]).isEqualTo(span.productLine());
            assertThat(stored[1])
                    .isEqualTo(span.pcpNpi() == null || span.pcpNpi().isBlank() ? null : span.pcpNpi());
            var listed = stored[1] == null
                    ? java.util.Optional.<NetworkDirectory.PractitionerContact>empty()
                    : directory.practitionerByNpi(stored[1]);
            assertThat(stored[2])
                    .isEqualTo(listed.map(NetworkDirectory.PractitionerContact::locationName)
                            .orElse(null));
            assertThat(stored[3])
                    .isEqualTo(listed.map(NetworkDirectory.PractitionerContact::medicalGroup)
                            .orElse(null));
        }
        // the screened member's colonoscopy is dated 5 March: not met at the end of February, met from March on
        // (month mask, bit k: met at the k-th month end)
        var mask = "select month_mask from quality.measure_result where run_id = ? and member_id = ?";
        var screened = jdbc.sql(mask)
                .params(summary.runId(), eligible.get(0))
                .query(Integer.class)
                .single();
        assertThat(Integer.toBinaryString(screened)).isEqualTo("111111111100");
        var unscreened = jdbc.sql(mask)
                .params(summary.runId(), eligible.get(1))
                .query(Integer.class)
                .single();
        assertThat(unscreened).isZero();
        assertThat(csv("/quality/runs/" + summary.runId() + "/rates.csv?by=pcp"))
                .isNotEmpty();
    }
}
