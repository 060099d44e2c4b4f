package org.commonweal.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.commonweal.insights.internal.Family;
import org.commonweal.insights.internal.InsightsRefresh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The insights family "quality": each measure's latest run, read through the quality module's facade, becomes rates
 * per SPA and RCAC region (and the county) beside the other equity figures; the disclosure test attacks its exports
 * with every other measure's ({@code InsightsDisclosureIntegrationTests} walks every measure).
 */
@IntegrationTest
class QualityFamilyIntegrationTests {

    @Autowired
    InsightsRefresh refresh;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    private Long run;

    @AfterEach
    void removeRun() {
        if (run != null)
            jdbc.sql("delete from quality.measure_run where id = ?").param(run).update();
        refresh.refresh(Family.QUALITY, "test");
    }

    @Test
    void aMeasuresLatestRunBecomesRatesPerSpaAndRegion() throws Exception {
        run = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  finished_at, members, started_by) values ('TESTQ', 'urn:test', ?, ?, 'ecqm', now(), 42, 'test')
                returning id""")
                .params(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))
                .query(Long.class)
                .single();
        // SPA 4 / region 2: 30 eligible, 20 met; SPA 6 / region 3: 12 eligible, 5 met; one excluded in SPA 4
        for (int i = 0; i < 43; i++) {
            boolean first = i < 30;
            boolean excluded = i == 42;
            jdbc.sql("""
                    insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                      denominator_exclusion, denominator_exception, numerator, spa, rcac_region)
                    values (?, ?, true, true, ?, false, ?, ?, ?)""")
                    .params(
                            run,
                            "Q" + i,
                            excluded,
                            !excluded && (first ? i < 20 : i < 35),
                            first || excluded ? 4 : 6,
                            first || excluded ? 2 : 3)
                    .update();
        }

        refresh.refresh(Family.QUALITY, "test");

        assertThat(figure("spa", 4)).isEqualTo("20/30");
        assertThat(figure("spa", 6)).isEqualTo("5/12");
        assertThat(figure("rcac", 2)).isEqualTo("20/30");
        assertThat(figure("county", 0)).isEqualTo("25/42");
        var page = mvc.perform(get("/insights")
                        .param("measure", "quality")
                        .param("level", "spa")
                        .with(user("analyst").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Quality measures met");
    }

    private String figure(String level, int area) {
        return jdbc.sql("""
                select numerator::int || '/' || denominator::int from insights.figure where measure = 'quality'
                and geo_level = ? and area = ? and stratum_kind = 'measure' and stratum_value = 'TESTQ'""").params(level, area).query(String.class).single();
    }
}
