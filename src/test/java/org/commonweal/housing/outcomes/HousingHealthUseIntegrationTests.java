package org.commonweal.housing.outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Coverage before and after housing on the demo data (housing clients point at coverage demo members). */
@IntegrationTest
class HousingHealthUseIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    HealthUseReport report;

    static final Pattern CELL = Pattern.compile("<t[dh][^>]*>([^<]*)</t[dh]>");

    List<String> cells(String html, String group) {
        int row = html.indexOf("data-group=\"" + group + "\"");
        String tr = html.substring(row, html.indexOf("</tr>", row));
        List<String> cells = new ArrayList<>();
        Matcher m = CELL.matcher(tr);
        while (m.find()) {
            cells.add(m.group(1).strip());
        }
        return cells;
    }

    @Test
    void everyHousedClientIsAccountedForAndMembersAreMeasuredThroughTheAuditedFacade() throws Exception {
        var rows = report.rows(LocalDate.now(ZoneId.of("America/Los_Angeles")));
        var total = rows.getLast();
        assertThat(total.group()).isEqualTo("total");
        long housed = jdbc.sql("""
                select count(distinct e.client_id) from housing.enrollment e join housing.project p on p.id = e.project_id
                where e.move_in_date is not null and p.project_type in (3, 9, 10, 13)""").query(Long.class).single();
        assertThat(total.housed()).isEqualTo(housed);
        assertThat(total.notMember() + total.tooRecent() + total.noCoverageData() + total.measured())
                .isEqualTo(housed);
        assertThat(total.measured())
                .as("demo clients point at coverage members")
                .isGreaterThan(20);
        assertThat(total.monthsBefore()).isBetween(0L, 12 * total.measured());
        assertThat(total.monthsAfter()).isBetween(0L, 12 * total.measured());
        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where entity_type = 'enrollment-span' and purpose = ?")
                        .param(HealthUseReport.PURPOSE)
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(total.measured());
    }

    @Test
    void thePageSaysUtilisationNeedsClaimsAndAnalystsSeeNoSmallCounts() throws Exception {
        String admin = mvc.perform(
                        get("/housing/outcomes/health").with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String analyst = mvc.perform(
                        get("/housing/outcomes/health").with(user("an").roles("ANALYST")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(admin)
                .contains("id=\"claims-note\"")
                .contains("claims or encounter data")
                .contains("id=\"health-chart\"");
        assertThat(analyst).contains("id=\"suppression-note\"");
        int masked = 0;
        for (var program : jdbc.sql("""
                select distinct p.name from housing.project p join housing.enrollment e on e.project_id = p.id
                where e.move_in_date is not null and p.project_type in (3, 9, 10, 13)""").query(String.class).list()) {
            List<String> a = cells(admin, program);
            List<String> s = cells(analyst, program);
            for (int i = 1; i <= 5; i++) { // the count columns
                long n = Long.parseLong(a.get(i));
                if (n >= 1 && n <= 10) {
                    assertThat(s.get(i)).isEqualTo("*");
                    masked++;
                } else {
                    // shown, or masked as a complement (the total row and "housed" would give a small one back)
                    assertThat(s.get(i)).isIn(a.get(i), "*");
                }
            }
        }
        assertThat(masked).as("the small demo data has small cells").isPositive();
        mvc.perform(get("/housing/outcomes/health").with(user("go").roles("GRANTS_OFFICER")))
                .andExpect(status().isForbidden());
    }
}
