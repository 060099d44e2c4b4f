package org.commonweal.quality.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.coverage.Coverage;
import org.commonweal.quality.claims.ClaimImport;
import org.commonweal.quality.clinical.DiabetesVisits;
import org.commonweal.quality.measure.PublishedMeasureContent;
import org.commonweal.quality.results.MeasureRuns;
import org.commonweal.quality.supplemental.ClinicalSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Withdrawing a clinical source from the quality pages: the supplemental page lists the source with its sender and a
 * withdraw link; the confirmation page says how many records and members; the POST needs the CSRF token and an
 * administrator, withdraws the source and recomputes its member (the HbA1c stops counting: CMS122's gap opens again
 * in the latest run); a second POST changes nothing.
 */
@IntegrationTest
class ClinicalSourcesPageIntegrationTests {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");
    private static final RequestPostProcessor ANALYST = user("analyst").roles("ANALYST");

    @Autowired
    MockMvc mvc;

    @Autowired
    Coverage coverage;

    @Autowired
    ClaimImport claims;

    @Autowired
    MeasureRuns runs;

    @Autowired
    ClinicalSources sources;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void anAdministratorWithdrawsASourceAfterConfirmingAndItsMemberIsRecomputed() throws Exception {
        PublishedMeasureContent.folder(); // skipped without ../shared/quality
        var member = DiabetesVisits.memberWithoutClinicalData(coverage, jdbc, 61, 75);
        var run = UUID.randomUUID().toString().substring(0, 8);
        DiabetesVisits.claim(claims, dir, member);
        runs.run("CMS122", DiabetesVisits.START, DiabetesVisits.END, "test");
        var report = sources.importBundle(
                new ByteArrayInputStream(DiabetesVisits.hba1cBundle(member, run).getBytes(StandardCharsets.UTF_8)),
                "hba1c-" + run + ".json",
                "east-la-lab");
        long source = report.sourceId();
        assertThat(DiabetesVisits.numerator(jdbc, DiabetesVisits.latestCms122Run(jdbc), member))
                .as("the HbA1c closes the gap")
                .isFalse();

        String list = mvc.perform(get("/quality/supplemental").with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(list)
                .contains("id=\"clinical-source-" + source + "\"")
                .contains("hba1c-" + run + ".json")
                .contains("east-la-lab")
                .contains("/quality/supplemental/sources/" + source + "/withdraw");

        String confirm = mvc.perform(get("/quality/supplemental/sources/" + source + "/withdraw")
                        .with(ADMIN))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(confirm).contains("id=\"confirm-withdraw\"").containsPattern("Its 1 records .* its 1 members");

        // role-checked and CSRF-protected: nothing changes
        mvc.perform(post("/quality/supplemental/sources/" + source + "/withdraw")
                        .with(ANALYST)
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/quality/supplemental/sources/" + source + "/withdraw")
                        .with(ADMIN))
                .andExpect(status().isForbidden());
        assertThat(sources.imported(source)).isTrue();

        mvc.perform(post("/quality/supplemental/sources/" + source + "/withdraw")
                        .with(ADMIN)
                        .with(csrf()))
                .andExpect(redirectedUrl("/quality/supplemental#clinical-sources"))
                .andExpect(flash().attribute("withdrawn", source))
                .andExpect(flash().attribute("recomputed", 1));
        assertThat(sources.imported(source)).isFalse();
        assertThat(DiabetesVisits.numerator(jdbc, DiabetesVisits.latestCms122Run(jdbc), member))
                .as("recomputed without the HbA1c: poor control again")
                .isTrue();
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'clinical-source'"
                                + " and entity_id = ? and detail = 'withdrawn by admin'")
                        .param(Long.toString(source))
                        .query(Long.class)
                        .single())
                .as("the withdrawal is audited")
                .isPositive();

        mvc.perform(post("/quality/supplemental/sources/" + source + "/withdraw")
                        .with(ADMIN)
                        .with(csrf()))
                .andExpect(flash().attribute("alreadyWithdrawn", source));
        assertThat(mvc.perform(get("/quality/supplemental/sources/" + source + "/withdraw")
                                .with(ADMIN))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("id=\"source-not-imported\"")
                .doesNotContain("id=\"confirm-withdraw\"");
        mvc.perform(get("/quality/supplemental/sources/999999999/withdraw").with(ADMIN))
                .andExpect(status().isNotFound());
    }
}
