package org.commonweal.memberhome;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "You are due for…" on the member's home, in English and Spanish: the open gap of the latest CMS165 run with its
 * reason and due date, the nearest in-network family doctor or internist, the next free screening at a center; the
 * read of the gaps is audited. Met, the gap leaves the card.
 */
@IntegrationTest
class MemberDueCareIntegrationTests {

    static final String MEMBER = MemberHomeIntegrationTests.MEMBER;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theMemberSeesWhatTheyAreDueForWithTheReasonTheDateAndWhereToGo() throws Exception {
        var client = new SignedInClient(port, "member", "demo-password");
        // the latest CMS165 run, as a run leaves it: this member eligible and not yet met
        long run = jdbc.sql("""
                insert into quality.measure_run (measure_id, measure_url, period_start, period_end, population_view,
                  started_by, finished_at, members) values ('CMS165', 'test', '2026-01-01', '2026-12-31', 'ecqm',
                  'test', now(), 1) returning id""").query(Long.class).single();
        try {
            assertThat(client.page("/my")).doesNotContain("data-measure=\"CMS165\"");
            jdbc.sql("""
                    insert into quality.measure_result (run_id, member_id, initial_population, denominator,
                      denominator_exclusion, denominator_exception, numerator) values (?, ?, true, true, false, false,
                      false)""").params(run, MEMBER).update();
            long audited = audits();

            String home = client.page("/my");
            assertThat(home)
                    .contains("id=\"member-due\"")
                    .contains("You are due for")
                    .contains("data-measure=\"CMS165\"")
                    // the measure's title comes from the published content (../shared/quality), when it is there
                    .contains(
                            java.nio.file.Files.isDirectory(org.commonweal.quality.measure.PublishedMeasureContent.ECQM)
                                    ? "Controlling High Blood Pressure"
                                    : "CMS165")
                    .contains("No blood pressure reading under 140/90 in 2026: the latest one counts")
                    .contains("by 31 December 2026");
            assertThat(home)
                    .contains("class=\"small due-place\"")
                    .contains("in your network")
                    .containsPattern("due-place[\\s\\S]*href=\"/find-a-doctor/providers/[^\"]+\"");
            boolean screening = jdbc.sql("""
                    select count(*) > 0 from centers.class_session s join centers.class_series r on r.id = s.series_id
                    join centers.program p on p.id = r.program_id where p.category = 'screening'
                    and s.status = 'scheduled' and s.starts_at > now() and s.starts_at < now() + interval '85 days'
                    and s.taken < s.capacity""").query(Boolean.class).single();
            assertThat(home.contains("id=\"next-screening\"")).isEqualTo(screening);
            assertThat(audits()).isGreaterThan(audited);

            String spanish = client.page("/my?lang=es");
            assertThat(spanish)
                    .contains("Le toca")
                    .contains("No hay lectura de presión arterial menor de 140/90 en 2026: cuenta la más reciente")
                    .contains("antes del 31 diciembre 2026")
                    .contains("en su red");

            // met at the next recompute: the card is gone
            jdbc.sql("update quality.measure_result set numerator = true where run_id = ?")
                    .param(run)
                    .update();
            assertThat(client.page("/my?lang=en")).doesNotContain("data-measure=\"CMS165\"");
        } finally {
            jdbc.sql("delete from quality.measure_run where id = ?").param(run).update();
        }
    }

    private long audits() {
        return jdbc.sql(
                        "select count(*) from audit.audit_event where entity_type = 'member-care-gaps' and member_id = ?")
                .param(MEMBER)
                .query(Long.class)
                .single();
    }
}
