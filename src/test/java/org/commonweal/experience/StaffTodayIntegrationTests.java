package org.commonweal.experience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A staff member's home says what needs them today, from the modules of their roles, urgent first, with a link to
 * act: member services' waiting PCP changes, the network manager's overdue directory error reports, a case
 * manager's own overdue tasks; a role with nothing waiting is told so.
 */
@IntegrationTest
class StaffTodayIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachRoleSeesWhatIsWaitingForItUrgentFirst() throws Exception {
        long request = jdbc.sql("""
                insert into coverage.pcp_change_request (member_id, practitioner_id, npi, practitioner_name,
                    location_id, location_name, requested_by, effective_on, requested_at)
                values ('DEMO-MEMBER-1', 'pr-1', '1234567893', 'Test Today', 'loc-1', 'Office', 'member', ?,
                    now() - interval '5 days') returning id""")
                .param(LocalDate.now().plusMonths(1).withDayOfMonth(1))
                .query(Long.class)
                .single();
        long report = jdbc.sql("""
                insert into network.error_report (resource_type, resource_id, category, description, due_on)
                values ('Practitioner', 'pr-1', 'phone', 'wrong number', current_date - 3) returning id""").query(Long.class).single();
        long task = jdbc.sql("""
                insert into housing.task (client_id, title, due_on, owner)
                values ((select min(id) from housing.client), 'Call the landlord', current_date - 1, 'case-manager')
                returning id""").query(Long.class).single();
        try {
            String services = new SignedInClient(port, "member-services", "demo-password").page("/");
            assertThat(services)
                    .contains("id=\"today\"")
                    .contains("href=\"/members/pcp-changes\"")
                    .containsPattern("PCP change requests? waiting for a decision")
                    // the oldest request's day in words, not ISO (seen by the #22 browser test)
                    .containsPattern("oldest from [A-Z][a-z]{2} \\d{1,2}, \\d{4}\\)")
                    .doesNotContainPattern("oldest from \\d{4}-")
                    .contains("list-group-item-warning")
                    .contains("id=\"home-areas\"");
            String network = new SignedInClient(port, "network-manager", "demo-password").page("/?lang=es");
            assertThat(network)
                    .contains("Lo que me espera hoy")
                    .contains("href=\"/network/reports\"")
                    .contains("plazo de 30 días hábiles");
            String cases = new SignedInClient(port, "case-manager", "demo-password").page("/");
            int overdue = cases.indexOf("overdue");
            assertThat(overdue).isPositive();
            assertThat(cases).contains("href=\"/housing\"");
            String analyst = new SignedInClient(port, "analyst", "demo-password").page("/");
            assertThat(analyst).contains("id=\"today-nothing\"");
            String visitor = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(visitor).doesNotContain("id=\"today\"");
        } finally {
            jdbc.sql("delete from coverage.pcp_change_request where id = ?")
                    .param(request)
                    .update();
            jdbc.sql("delete from network.error_report where id = ?")
                    .param(report)
                    .update();
            jdbc.sql("delete from housing.task where id = ?").param(task).update();
        }
    }
}
