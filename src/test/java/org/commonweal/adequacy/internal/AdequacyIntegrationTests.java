package org.commonweal.adequacy.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.commonweal.IntegrationTest;
import org.commonweal.adequacy.Adequacy;
import org.commonweal.adequacy.engine.Standard;
import org.commonweal.adequacy.engine.ZipResult;
import org.commonweal.geography.GeoPoint;
import org.commonweal.network.NetworkDirectory;
import org.commonweal.platform.CommandArgs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class AdequacyIntegrationTests {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("America/Los_Angeles"));

    @Autowired
    AdequacyService service;

    @Autowired
    AdequacyStore store;

    @Autowired
    NetworkDirectory directory;

    @Autowired
    AdequacyCommand command;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.commonweal.geography.Geography geography;

    @Test
    void demoRunAgreesWithABruteForceScanOfTheDirectory() {
        Adequacy.RunSummary run = service.run(TODAY, null, "test");
        assertThat(run.members()).isPositive();
        assertThat(run.travelModel()).isEqualTo("road-factor-v1");
        assertThat(run.parameters()).contains("urban x1.35");
        var snapshot = service.snapshot().orElseThrow();
        var engine = snapshot.engine();
        Map<String, String> networks = store.networkProductLines();
        var types = store.providerTypes();
        // the directory, read independently of the engine's grids
        List<List<List<GeoPoint>>> locations = new ArrayList<>();
        for (String line : engine.productLines()) {
            List<List<GeoPoint>> perType = new ArrayList<>();
            for (var type : types) {
                List<GeoPoint> points = new ArrayList<>();
                directory.forEachServiceLocation(
                        networks.get(line),
                        Set.copyOf(type.taxonomyCodes()),
                        l -> points.add(new GeoPoint(l.latitude(), l.longitude())));
                perType.add(points);
            }
            locations.add(perType);
        }
        var book = store.book(TODAY);
        int[] compared = {0};
        snapshot.sample(10_000, (home, pl, zip, miles, flags) -> {
            for (int t = 0; t < types.size(); t++) {
                double brute = Double.POSITIVE_INFINITY;
                for (GeoPoint p : locations.get(pl).get(t)) {
                    brute = Math.min(brute, home.milesTo(p));
                }
                assertThat(Math.abs(miles[t] - brute)).isLessThanOrEqualTo(1e-9);
                compared[0]++;
            }
        });
        // every member when the database holds fewer than the sample (a fresh test database); else a spread sample
        if (run.members() <= 10_000) {
            assertThat(compared[0]).isEqualTo(run.members() * types.size());
        } else {
            assertThat(compared[0]).isPositive().isLessThanOrEqualTo(10_000 * types.size());
        }
        List<ZipResult> results = store.results(run.id());
        assertThat(results).extracting(ZipResult::providerType).contains("pcp-adult", "hospital", "pharmacy");
        assertThat(results.stream()
                        .filter(r -> r.providerType().equals("pcp-adult"))
                        .mapToLong(ZipResult::members)
                        .sum())
                .isEqualTo(run.members());
        assertThat(book.standard("MCLA", null, "cardiology")).isEqualTo(new Standard(15, 30));
    }

    @Test
    void anApprovedAlternativeStandardCountsInTheNextRun() throws Exception {
        Adequacy.RunSummary before = service.run(TODAY, "MCLA", "test");
        ZipResult gap = AdequacyReport.gaps(store.results(before.id())).stream()
                .filter(r -> r.productLine().equals("MCLA"))
                .findFirst()
                .orElseThrow();
        mvc.perform(post("/adequacy/alternatives")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("productLine", "MCLA")
                        .param("zip", gap.zip())
                        .param("providerType", gap.providerType())
                        .param("miles", "200")
                        .param("minutes", "600")
                        .param("approvalReference", "DHCS-AAS-2026-0042")
                        .param("approvedOn", "2026-01-15")
                        .param("effectiveFrom", "2026-01-01")
                        .param("effectiveTo", ""))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attributeExists("saved"));
        Adequacy.RunSummary after = service.run(TODAY, "MCLA", "test");
        ZipResult now = store.results(after.id()).stream()
                .filter(r -> r.zip().equals(gap.zip())
                        && r.providerType().equals(gap.providerType())
                        && r.productLine().equals("MCLA"))
                .findFirst()
                .orElseThrow();
        assertThat(now.met()).isEqualTo(now.members());
        assertThat(now.metByAlternative()).isEqualTo(gap.notMet());
        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where entity_type = 'adequacy-alternative-standard'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    /** #18: a bad alternative standard comes back with what was typed and every error at once, nothing saved. */
    @Test
    void aBadAlternativeStandardComesBackNamingEveryFieldInWordsAndSavesNothing() throws Exception {
        long before = jdbc.sql("select count(*) from adequacy.alternative_standard")
                .query(Long.class)
                .single();
        String reference = "R".repeat(10_000);
        String body = mvc.perform(post("/adequacy/alternatives")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("productLine", "MCLA")
                        .param("zip", "9003")
                        .param("providerType", "pcp-adult")
                        .param("miles", "twelve")
                        .param("minutes", "6000")
                        .param("approvalReference", reference)
                        .param("approvedOn", "2026-01-15")
                        .param("effectiveFrom", "2026-03-01")
                        .param("effectiveTo", "2026-02-01"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(body)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#a-zip\"",
                        "href=\"#a-miles\"",
                        "href=\"#a-minutes\"",
                        "href=\"#a-approvalReference\"",
                        "href=\"#a-effectiveTo\"",
                        "ZIP code: enter a 5-digit ZIP code",
                        "Miles: enter a number in figures",
                        "Minutes: enter a number of at most 600",
                        "Approval reference: use at most 100 characters",
                        "Effective to: enter 2026-03-01 or a later date",
                        "value=\"9003\"",
                        "value=\"twelve\"",
                        "value=\"" + reference + "\"");
        String spanish = mvc.perform(post("/adequacy/alternatives")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("lang", "es")
                        .param("productLine", "NOPE")
                        .param("zip", "")
                        .param("providerType", "pcp-adult")
                        .param("miles", "10")
                        .param("minutes", "30")
                        .param("approvalReference", "")
                        .param("approvedOn", "2026-01-15")
                        .param("effectiveFrom", "2026-01-01"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(spanish)
                .contains(
                        "Hay un problema",
                        "Línea de producto: elija uno de la lista",
                        "Código postal: escriba un valor",
                        "Referencia de aprobación: escriba un valor");
        assertThat(jdbc.sql("select count(*) from adequacy.alternative_standard")
                        .query(Long.class)
                        .single())
                .isEqualTo(before);
    }

    @Test
    void aNewHospitalPatchesTheLastRunIncrementallyAndItsRemovalRestoresIt() {
        Adequacy.RunSummary base = service.run(TODAY, null, "test");
        long notMetBefore = notMet(base.id(), "hospital");
        // put a hospital in the middle of the ZIP with most Medi-Cal members outside the hospital standard
        ZipResult gap = AdequacyReport.gaps(store.results(base.id())).stream()
                .filter(r ->
                        r.providerType().equals("hospital") && r.productLine().equals("MCLA"))
                .findFirst()
                .orElseThrow();
        GeoPoint site = geography.zip(gap.zip()).orElseThrow().centroid();
        Adequacy.RunSummary patched = service.locationChanged(
                "medi-cal", List.of("282N00000X"), "test-hospital", site.latitude(), site.longitude(), "test");
        assertThat(patched.kind()).isEqualTo("incremental");
        assertThat(notMet(patched.id(), "hospital")).isLessThan(notMetBefore);
        ZipResult closed = store.results(patched.id()).stream()
                .filter(r -> r.zip().equals(gap.zip())
                        && r.productLine().equals("MCLA")
                        && r.providerType().equals("hospital"))
                .findFirst()
                .orElseThrow();
        assertThat(closed.notMet()).isLessThan(gap.notMet());
        Adequacy.RunSummary removed =
                service.locationChanged("medi-cal", List.of("282N00000X"), "test-hospital", null, null, "test");
        assertThat(store.results(removed.id())).isEqualTo(store.results(base.id()));
    }

    private long notMet(long runId, String type) {
        return store.results(runId).stream()
                .filter(r -> r.providerType().equals(type))
                .mapToLong(ZipResult::notMet)
                .sum();
    }

    @Test
    void pagesShowTheSummaryGapsAndStandardsAndSuppressSmallCellsForAnalysts() throws Exception {
        service.run(TODAY, null, "test");
        String manager = mvc.perform(get("/adequacy").with(user("nm").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(manager)
                .contains(
                        "summary-table",
                        "spa-table",
                        "region-table",
                        "trend-table",
                        "run-form",
                        "adequacy-spa-chart",
                        "Primary care, adult");
        String analyst = mvc.perform(get("/adequacy").with(user("an").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(analyst).doesNotContain("run-form").contains("summary-table");
        assertThat(analyst.replaceAll("<[^>]+>", " "))
                .doesNotContainPattern("\\s(?:[1-9]|10)\\s+[0-9.]+\\s+(?:[1-9]|10)\\s");
        mvc.perform(get("/adequacy/gaps").with(user("an").roles("ANALYST")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("gap-table")));
        mvc.perform(get("/adequacy/standards").with(user("nm").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("standard-form")));
        mvc.perform(post("/adequacy/runs")
                        .with(user("an").roles("ANALYST"))
                        .with(csrf())
                        .param("date", "2026-11-01"))
                .andExpect(status().isForbidden());
    }

    @Test
    void analystExportsSuppressCountsBetweenOneAndTen() throws Exception {
        var run = service.run(TODAY, null, "test");
        String csv = mvc.perform(get("/adequacy/export/gaps.csv")
                        .param("run", String.valueOf(run.id()))
                        .with(user("an").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String header = csv.lines().findFirst().orElseThrow();
        assertThat(header).startsWith("Run,Measurement Date,County,County Code,Product Line,Provider Type,ZIP Code");
        int membersCol = AdequacyExports.GAP_COLUMNS.indexOf("Members Outside Standard");
        var rows = org.commonweal.platform.Csv.read(new java.io.StringReader(csv));
        rows.subList(1, rows.size()).stream().filter(r -> !r.blank()).forEach(row -> {
            String value = row.values().get(membersCol);
            assertThat(value.equals("*") || Integer.parseInt(value) > 10 || value.equals("0"))
                    .as(row.toString())
                    .isTrue();
        });
        byte[] xlsx = mvc.perform(get("/adequacy/export/summary.xlsx")
                        .param("run", String.valueOf(run.id()))
                        .with(user("nm").roles("NETWORK_MANAGER")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsByteArray();
        try (var book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = book.getSheet("Summary");
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("Product Line");
            assertThat(sheet.getLastRowNum())
                    .isEqualTo(store.results(run.id()).stream()
                            .map(r -> r.productLine() + r.providerType())
                            .distinct()
                            .count());
            assertThat(sheet.getRow(1).getCell(8).getNumericCellValue()).isPositive();
        }
    }

    @Test
    void networkManagersEditStandardsWithAuditAndClearErrors() throws Exception {
        // #18: every error at once beside its field, named in words, in the page's language, what was typed kept
        int before =
                store.standard("PASC", "rural", "dermatology").orElseThrow().minutes();
        String bad = mvc.perform(post("/adequacy/standards")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("lang", "es")
                        .param("productLine", "PASC")
                        .param("tier", "rural")
                        .param("providerType", "dermatology")
                        .param("miles", "-3")
                        .param("minutes", "noventa"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(bad)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#s-miles\"",
                        "Millas:",
                        "href=\"#s-minutes\"",
                        "Minutos: escriba un número entero",
                        "value=\"-3\"",
                        "value=\"noventa\"");
        String unknown = mvc.perform(post("/adequacy/standards")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("productLine", "PASC")
                        .param("tier", "rural")
                        .param("providerType", "astrology")
                        .param("miles", "12.25")
                        .param("minutes", "601"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(unknown)
                .contains(
                        "href=\"#s-providerType\"",
                        "Provider type: there is no standard",
                        "href=\"#s-miles\"",
                        "href=\"#s-minutes\"",
                        "Minutes: enter a number of at most 600");
        assertThat(store.standard("PASC", "rural", "dermatology").orElseThrow().minutes())
                .isEqualTo(before);
        mvc.perform(post("/adequacy/standards")
                        .with(user("nm").roles("NETWORK_MANAGER"))
                        .with(csrf())
                        .param("productLine", "PASC")
                        .param("tier", "rural")
                        .param("providerType", "dermatology")
                        .param("miles", "55")
                        .param("minutes", "85"))
                .andExpect(flash().attributeExists("saved"));
        assertThat(store.standard("PASC", "rural", "dermatology").orElseThrow().minutes())
                .isEqualTo(85);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'adequacy-standard' "
                                + "and entity_id = 'PASC/rural/dermatology'")
                        .query(Long.class)
                        .single())
                .isPositive();
        mvc.perform(post("/adequacy/standards")
                        .with(user("an").roles("ANALYST"))
                        .with(csrf())
                        .param("productLine", "PASC")
                        .param("tier", "rural")
                        .param("providerType", "dermatology")
                        .param("miles", "1")
                        .param("minutes", "1"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theCommandWritesSummaryAndGapExports() throws Exception {
        Path out = Files.createTempDirectory("adequacy");
        int code = command.run(CommandArgs.parse(
                List.of("--date", TODAY.toString(), "--product-line", "LACC", "--out", out.toString()),
                Set.of("date", "product-line", "out"),
                Set.of()));
        assertThat(code).isZero();
        Set<String> names = new HashSet<>();
        try (var files = Files.list(out)) {
            files.forEach(f -> names.add(f.getFileName().toString().replaceAll("-run\\d+", "")));
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "adequacy-" + TODAY + "-LACC-summary.csv",
                        "adequacy-" + TODAY + "-LACC-gaps.csv",
                        "adequacy-" + TODAY + "-LACC-summary.xlsx",
                        "adequacy-" + TODAY + "-LACC-gaps.xlsx");
    }

    @Test
    void notMetCannotBeWorkedBackFromMembersAndMetInTheSummary() throws Exception {
        // the old summary.csv masked "met" and "not met" as 1-10 but showed members and "met by distance", so with
        // nobody meeting by time or alternative, not met = members - met by distance
        var run = service.run(TODAY, null, "test");
        String csv = export("summary", run.id());
        var records = org.apache.commons.csv.CSVFormat.RFC4180
                .parse(new java.io.StringReader(csv))
                .getRecords();
        var h = records.getFirst().toList();
        int members = h.indexOf("Members");
        int met = h.indexOf("Members Meeting Standard");
        int notMet = h.indexOf("Members Not Meeting Standard");
        int byMiles = h.indexOf("Met by Distance");
        boolean sawMasked = false;
        for (var r : records.subList(1, records.size())) {
            if (!r.get(notMet).matches("\\d+")) { // masked, whatever the mask
                sawMasked = true;
                // members minus met, or minus met by distance (a lower bound of met), bounds it: that bound must
                // leave room for 11 or more (a complement), or members must be masked too
                if (r.get(members).matches("\\d+")) {
                    long lowerMet = 0;
                    for (int column : new int[] {
                        met, byMiles, h.indexOf("Met by Time"), h.indexOf("Met by Alternative Access Standard")
                    }) {
                        if (r.get(column).matches("\\d+")) {
                            lowerMet = Math.max(lowerMet, Long.parseLong(r.get(column)));
                        }
                    }
                    assertThat(Long.parseLong(r.get(members)) - lowerMet)
                            .as(r.toString())
                            .isGreaterThanOrEqualTo(11);
                }
            }
        }
        assertThat(sawMasked).as("the demo run has small not-met cells").isTrue();
    }

    @Test
    void noMaskedCountOfTheSummaryAndGapExportsCanBeDerived() throws Exception {
        var run = service.run(TODAY, null, "test");
        var attacker = new org.commonweal.platform.LinearAttacker();
        var summary = org.apache.commons.csv.CSVFormat.RFC4180
                .parse(new java.io.StringReader(export("summary", run.id())))
                .getRecords();
        var gaps = org.apache.commons.csv.CSVFormat.RFC4180
                .parse(new java.io.StringReader(export("gaps", run.id())))
                .getRecords();
        var sh = summary.getFirst().toList();
        Map<String, List<String>> gapNotMet = new java.util.HashMap<>();
        Map<String, List<String>> gapMembers = new java.util.HashMap<>();
        var gh = gaps.getFirst().toList();
        for (var r : gaps.subList(1, gaps.size())) {
            String cell = r.get(gh.indexOf("Product Line")) + "|" + r.get(gh.indexOf("Provider Type"));
            String z = cell + "|" + r.get(gh.indexOf("ZIP Code"));
            attacker.read(z + ":members", r.get(gh.indexOf("Members in ZIP")));
            attacker.read(z + ":notMet", r.get(gh.indexOf("Members Outside Standard")));
            attacker.unpublished(z + ":met");
            attacker.sum(z + ":members", List.of(z + ":met", z + ":notMet"));
            gapNotMet.computeIfAbsent(cell, k -> new ArrayList<>()).add(z + ":notMet");
            gapMembers.computeIfAbsent(cell, k -> new ArrayList<>()).add(z + ":members");
        }
        for (var r : summary.subList(1, summary.size())) {
            String cell = r.get(sh.indexOf("Product Line")) + "|" + r.get(sh.indexOf("Provider Type"));
            attacker.table();
            for (String column : List.of(
                    "Members",
                    "Members Meeting Standard",
                    "Members Not Meeting Standard",
                    "Met by Distance",
                    "Met by Time",
                    "Met by Alternative Access Standard")) {
                attacker.read(cell + ":" + column, r.get(sh.indexOf(column)));
            }
            attacker.sum(
                    cell + ":Members",
                    List.of(cell + ":Members Meeting Standard", cell + ":Members Not Meeting Standard"));
            // a member meeting by distance meets the standard: met = by distance + the others (not published)
            for (String by : List.of("Met by Distance", "Met by Time", "Met by Alternative Access Standard")) {
                attacker.unpublished(cell + ":slack:" + by);
                attacker.sum(cell + ":Members Meeting Standard", List.of(cell + ":" + by, cell + ":slack:" + by));
            }
            attacker.sum(cell + ":Members Not Meeting Standard", gapNotMet.getOrDefault(cell, List.of()));
            List<String> members = new ArrayList<>(gapMembers.getOrDefault(cell, List.of()));
            attacker.unpublished(cell + ":other ZIPs");
            members.add(cell + ":other ZIPs");
            attacker.sum(cell + ":Members", members);
        }
        assertThat(attacker.masked()).as("the demo run has masked cells").isNotEmpty();
        assertThat(attacker.breaches()).isEmpty();
        System.out.printf(
                "disclosure: adequacy summary.csv + gaps.csv, %d tables, %d cells checked by the attacker%n",
                attacker.tables(), attacker.cells());
    }

    private String export(String what, long run) throws Exception {
        return mvc.perform(get("/adequacy/export/" + what + ".csv")
                        .param("run", String.valueOf(run))
                        .with(user("an").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }
}
