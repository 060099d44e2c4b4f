package org.commonweal.quality.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.CareGap;
import org.commonweal.quality.CareGaps;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * From an 837 to a measure result: a colonoscopy claim puts the member in CMS130's numerator, an office visit alone
 * leaves an open gap; both as the measure's own CQL decides over the claims turned into FHIR.
 */
@IntegrationTest
class MeasureRunsIntegrationTests {

    private static final LocalDate START = LocalDate.of(2026, 1, 1);
    private static final LocalDate END = LocalDate.of(2026, 12, 31);

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    Coverage coverage;

    @Autowired
    CareGaps gaps;

    @Autowired
    RateTables rates;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @LocalServerPort
    int port;

    /** Two members aged 55–70 with claims: a colonoscopy for the first, an office visit alone for the second. */
    private String[] importColorectalClaims() throws IOException {
        var eligible = new ArrayList<String>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (eligible.size() >= 2) return;
            coverage.findMember(m.memberId(), "test")
                    .filter(s -> s.birthDate() != null
                            && Period.between(s.birthDate(), END).getYears() >= 55
                            && Period.between(s.birthDate(), END).getYears() <= 70)
                    .ifPresent(s -> eligible.add(s.memberId()));
        });
        var screened = eligible.get(0);
        var unscreened = eligible.get(1);
        var run = UUID.randomUUID().toString().substring(0, 8);
        var text = new String(getClass()
                        .getResourceAsStream("/quality/claims/837p-colorectal.x12")
                        .readAllBytes())
                .replace("{MEMBER_A}", screened)
                .replace("{MEMBER_B}", unscreened)
                .replace("CLM*", "CLM*" + run);
        var file = dir.resolve("837p-colorectal.x12");
        Files.writeString(file, text);
        assertThat(claims.importFile(file, "test").accepted()).isEqualTo(3);
        return new String[] {screened, unscreened};
    }

    @Test
    void colonoscopyClaimMeetsColorectalScreeningAndAnOfficeVisitAloneLeavesAGap() throws IOException {
        PublishedMeasureContent.folder();
        String[] members = importColorectalClaims();
        var screened = members[0];
        var unscreened = members[1];

        var summary = runs.run("CMS130", START, END, "test");

        assertThat(summary.errors()).isZero();
        assertThat(result(summary.runId(), screened, "numerator")).isTrue();
        assertThat(result(summary.runId(), unscreened, "denominator")).isTrue();
        assertThat(result(summary.runId(), unscreened, "numerator")).isFalse();
        assertThat(runs.openGaps(summary.runId())).contains(unscreened).doesNotContain(screened);
        assertThat(gaps.openGaps(unscreened, "test"))
                .extracting(CareGap::measureId)
                .contains("CMS130");
        assertThat(gaps.openGaps(screened, "test"))
                .extracting(CareGap::measureId)
                .doesNotContain("CMS130");
        assertThat(runs.strata(summary.runId(), "age_band"))
                .extracting(MeasureRuns.Stratum::value)
                .contains("45-64");
    }

    @Test
    void analystsSeeTheRunsAndARunsRatesWithSmallCellsMasked() throws Exception {
        PublishedMeasureContent.folder();
        importColorectalClaims(); // members in the 45-64 band with claims, whatever ran before
        var summary = runs.run("CMS130", START, END, "test");
        var analyst = new SignedInClient(port, "analyst", "demo-password");

        assertThat(analyst.page("/quality")).contains("runs-table").contains("/quality/runs/" + summary.runId());
        var page = analyst.page("/quality/runs/" + summary.runId() + "?by=age_band");
        assertThat(page).contains("strata-table").contains("45-64").contains("All members");
        // what is shown is what the run's one publication lets through (RatesIntegrationTests attacks it)
        for (var row : rates.table(summary.runId(), "age_band").orElseThrow().rows()) {
            assertThat(page).contains(">" + row.eligible() + "<").contains(">" + row.met() + "<");
        }
        assertThat(analyst.send("/quality/runs/" + summary.runId() + "?by=nonsense")
                        .statusCode())
                .isEqualTo(400);
        assertThat(analyst.send("/quality/runs/999999999").statusCode()).isEqualTo(404);
    }

    private boolean result(long runId, String memberId, String column) {
        return jdbc.sql("select " + column + " from quality.measure_result where run_id = ? and member_id = ?")
                .params(runId, memberId)
                .query(Boolean.class)
                .single();
    }
}
