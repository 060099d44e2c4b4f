package org.commonweal.quality.gaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.commonweal.coverage.Coverage;
import org.commonweal.coverage.MemberResidence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Worklists over the latest CMS124 run: a Health Promoter filters by RCAC region and language, member services sees
 * the queue, a PCP's list comes as CSV; the reasons in the reader's language; each member listed is an audited read;
 * analysts (no outreach) and members are refused; a bad filter is a 400.
 */
@IntegrationTest
class GapWorklistIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Coverage coverage;

    @Test
    void promotersByRegionAndLanguageMemberServicesAsAQueueAndProvidersPerPcp() throws Exception {
        // two covered members in different RCAC regions, one met and one excluded member beside them
        var members = new ArrayList<MemberResidence>();
        coverage.forEachActiveMember(LocalDate.now(), "test", m -> {
            if (m.rcacRegion() == null
                    || m.spokenLanguage() == null
                    || m.memberId().startsWith("DEMO-")) return;
            if (members.isEmpty()
                    || members.size() < 4
                            && (members.size() > 1
                                    || !m.rcacRegion().equals(members.get(0).rcacRegion()))) {
                members.add(m);
            }
        });
        var a = members.get(0);
        var b = members.get(1);
        long run = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  started_by, finished_at, members) values ('CMS124', 'test', '2026-01-01', '2026-12-31', 'ecqm',
                  'test', now(), 4) returning id""").query(Long.class).single();
        try {
            result(run, a, true, false, false);
            result(run, b, true, false, false);
            result(run, members.get(2), true, false, true); // met
            result(run, members.get(3), true, true, false); // excluded
            var promoter = new SignedInClient(port, "engagement-staff", "demo-password");
            long before = audits(a.memberId());
            String page = promoter.page(
                    "/care-gaps?measure=CMS124&region=" + a.rcacRegion() + "&language=" + a.spokenLanguage());
            assertThat(page)
                    .contains("id=\"gaps-table\"")
                    .contains(a.memberId())
                    .doesNotContain(b.memberId())
                    .doesNotContain(members.get(2).memberId())
                    .doesNotContain(members.get(3).memberId())
                    .contains("No Pap test since January 2024")
                    .contains("31 December 2026");
            assertThat(audits(a.memberId())).isGreaterThan(before);
            assertThat(promoter.page("/care-gaps?measure=CMS124&region=" + a.rcacRegion() + "&language="
                            + a.spokenLanguage() + "&lang=es"))
                    .contains("No hay prueba de Papanicolaou desde enero 2024");

            var memberServices = new SignedInClient(port, "member-services", "demo-password");
            String queue = memberServices.page("/care-gaps?measure=CMS124&lang=en");
            assertThat(queue)
                    .contains(a.memberId())
                    .contains(b.memberId())
                    .doesNotContain(members.get(2).memberId())
                    .doesNotContain(members.get(3).memberId());

            // a provider's list: the members whose PCP today is this NPI (member a's PCP set for the test)
            var pcp = "1234567893";
            String oldNpi = jdbc.sql("select pcp_npi from coverage.enrollment_span where member_id = ? and end_date"
                            + " is null")
                    .param(a.memberId())
                    .query(String.class)
                    .optional()
                    .orElse(null);
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                    .params(pcp, a.memberId())
                    .update();
            try {
                var csv = memberServices.send("/care-gaps.csv?measure=CMS124&pcp=" + pcp);
                assertThat(csv.statusCode()).isEqualTo(200);
                assertThat(csv.headers().firstValue("Content-Type").orElseThrow())
                        .startsWith("text/csv");
                List<String> lines = csv.body().lines().toList();
                assertThat(lines.get(0))
                        .isEqualTo(
                                "member_id,name,language,spa,rcac_region,pcp_npi,pcp_name,measure,reason,due_by,pcp_attribution");
                assertThat(lines)
                        .anySatisfy(l -> assertThat(l)
                                .startsWith(a.memberId() + ",")
                                .contains("," + pcp + ",")
                                .endsWith(",CMS124,\"No Pap test since January 2024 (or, from age"
                                        + " 30, HPV test since January 2022)\",2026-12-31,assigned-pcp"));
                assertThat(lines.stream().skip(1)).allSatisfy(l -> assertThat(l).contains("," + pcp + ","));
                assertThat(csv.body()).doesNotContain(b.memberId());
            } finally {
                jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                        .params(oldNpi, a.memberId())
                        .update();
            }

            assertThat(memberServices.send("/care-gaps?pcp=12345").statusCode()).isEqualTo(400);
            assertThat(memberServices.send("/care-gaps?measure=CMS999").statusCode())
                    .isEqualTo(400);
            assertThat(new SignedInClient(port, "analyst", "demo-password")
                            .send("/care-gaps")
                            .statusCode())
                    .isEqualTo(403);
            assertThat(new SignedInClient(port, "member", "demo-password")
                            .send("/care-gaps")
                            .statusCode())
                    .isEqualTo(403);
        } finally {
            jdbc.sql("delete from quality.measure_run where id = ?").param(run).update();
        }
    }

    private void result(long run, MemberResidence m, boolean denominator, boolean excluded, boolean numerator) {
        jdbc.sql("""
                insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                  denominator_exclusion, denominator_exception, numerator, language, spa, rcac_region)
                values (?, ?, true, ?, ?, false, ?, ?, ?, ?)""")
                .params(
                        run,
                        m.memberId(),
                        denominator,
                        excluded,
                        numerator,
                        m.spokenLanguage(),
                        m.spa(),
                        m.rcacRegion())
                .update();
    }

    private long audits(String memberId) {
        return jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = 'member-care-gaps' and member_id = ?")
                .param(memberId)
                .query(Long.class)
                .single();
    }
}
