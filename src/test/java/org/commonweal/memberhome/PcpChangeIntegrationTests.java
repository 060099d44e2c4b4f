package org.commonweal.memberhome;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * "Make this my doctor" over real HTTP: the signed-in member picks a primary care doctor on the Find a Doctor page,
 * the request waits in member services' queue with the effective date the product line's rule gives (the first of
 * next month), member services approves it and the member's coverage names the new PCP, with history and audit.
 * The rules refuse a specialist, a doctor not taking new patients and a doctor outside the member's plan.
 */
@IntegrationTest
class PcpChangeIntegrationTests {

    static final String MEMBER = "DEMO-MEMBER-1";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** The PCP of the member's open span before the test: NPI, name and office. */
    String[] oldPcp;

    @AfterEach
    void restore() {
        if (oldPcp != null) {
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ?, pcp_name = ?, pcp_location = ?"
                            + " where member_id = ? and end_date is null")
                    .params(oldPcp[0], oldPcp[1], oldPcp[2], MEMBER)
                    .update();
        }
        jdbc.sql("update coverage.pcp_change_request set status = 'withdrawn' where member_id = ? and status = 'open'")
                .param(MEMBER)
                .update();
    }

    /** A doctor's office as the directory lists it, chosen by a condition on the role and its networks. */
    String[] office(String condition) {
        return jdbc.sql("""
                select p.id, r.location_id, p.npi, p.given || ' ' || p.family from network.practitioner p
                  join network.practitioner_role r on r.practitioner_id = p.id
                  join network.location l on l.id = r.location_id and l.active
                 where p.active and not p.suppressed and r.active and not r.suppressed
                   and (r.period_end is null or r.period_end >= current_date) and """ + condition + """
                 order by r.id limit 1""")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .single();
    }

    static final String PRIMARY_CARE = " r.specialty in ('207Q00000X', '207R00000X', '208D00000X')";
    static final String MEDI_CAL = " r.network_ids && array['net-medi-cal']";

    @Test
    void aMemberPicksADoctorAndMemberServicesApprovesIt() throws Exception {
        oldPcp = jdbc.sql("select pcp_npi, pcp_name, pcp_location from coverage.enrollment_span where member_id = ?"
                        + " and end_date is null")
                .param(MEMBER)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        String[] doctor = office(PRIMARY_CARE + " and" + MEDI_CAL + " and r.accepting = 'newpt'"
                + " and not exists (select 1 from network.practitioner_role x where x.practitioner_id = p.id"
                + " and x.location_id = r.location_id and x.accepting <> 'newpt')");
        // the test database outlives a run: count only the history written by this one
        long historyBefore = jdbc.sql("select coalesce(max(id), 0) from coverage.member_change")
                .query(Long.class)
                .single();
        var member = new SignedInClient(port, "member", "demo-password");
        String page = member.page("/find-a-doctor/providers/" + doctor[0]);
        assertThat(page).contains("Make this my doctor").doesNotContain("id=\"sign-in-to-choose\"");

        var response =
                member.post("/my/pcp-change", page, Map.of("practitionerId", doctor[0], "locationId", doctor[1]));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/my");
        LocalDate firstOfNextMonth = LocalDate.now(ZoneId.of("America/Los_Angeles"))
                .withDayOfMonth(1)
                .plusMonths(1);
        assertThat(member.page("/my")).contains("id=\"pcp-request\"").contains("You asked for " + doctor[3]);

        var services = new SignedInClient(port, "member-services", "demo-password");
        String queue = services.page("/members/pcp-changes");
        assertThat(queue)
                .contains(MEMBER)
                .contains(doctor[3])
                .contains(doctor[2])
                .contains(java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                        .withLocale(java.util.Locale.ENGLISH)
                        .format(firstOfNextMonth));
        long id = jdbc.sql("select id from coverage.pcp_change_request where member_id = ? and status = 'open'")
                .param(MEMBER)
                .query(Long.class)
                .single();
        var decided = services.post(
                "/members/pcp-changes/" + id, queue, Map.of("decision", "approve", "note", "confirmed by phone"));
        assertThat(decided.statusCode()).isEqualTo(302);
        assertThat(services.page("/members/pcp-changes"))
                .contains("id=\"pcp-decided\"")
                .doesNotContain("/members/pcp-changes/" + id + "\"");

        assertThat(jdbc.sql("""
                select pcp_npi from coverage.enrollment_span where member_id = ? and begin_date <= ?
                and (end_date is null or end_date >= ?) and status <> 'suspended'
                order by begin_date desc, id desc limit 1""")
                        .params(MEMBER, firstOfNextMonth, firstOfNextMonth)
                        .query(String.class)
                        .single())
                .isEqualTo(doctor[2]);
        assertThat(jdbc.sql("select count(*) from coverage.member_change where member_id = ? and summary like ?"
                                + " and id > ?")
                        .params(MEMBER, "PCP changed to " + doctor[3] + "%", historyBefore)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_type = 'pcp-change-request'"
                                + " and entity_id = ? and username in ('member', 'member-services')")
                        .param(Long.toString(id))
                        .query(Long.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
        // deciding twice is refused, nothing changes
        services.post("/members/pcp-changes/" + id, queue, Map.of("decision", "decline"));
        assertThat(jdbc.sql("select status from coverage.pcp_change_request where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("approved");
        assertThat(member.page("/my")).contains("Approved: " + doctor[3]);
    }

    @Test
    void theProductLineRulesRefuseASpecialistADoctorNotTakingNewPatientsAndOneOutsideThePlan() throws Exception {
        var member = new SignedInClient(port, "member", "demo-password");
        String[] specialist = office(" r.specialty = '207RC0000X' and" + MEDI_CAL);
        String[] full = office(PRIMARY_CARE + " and" + MEDI_CAL + " and r.accepting = 'nopt'"
                + " and not exists (select 1 from network.practitioner_role x where x.practitioner_id = p.id"
                + " and x.location_id = r.location_id and x.accepting = 'newpt')");
        String[] outside = office(PRIMARY_CARE + " and r.accepting = 'newpt' and not exists (select 1 from"
                + " network.practitioner_role x where x.practitioner_id = p.id and x.location_id = r.location_id"
                + " and x.network_ids && array['net-medi-cal'])");
        String page = member.page("/find-a-doctor/providers/" + specialist[0]);
        assertThat(page).doesNotContain("Make this my doctor");
        for (var refusal : Map.of(
                        specialist,
                        "not a primary care doctor",
                        full,
                        "not taking new patients",
                        outside,
                        "does not take your plan")
                .entrySet()) {
            String[] d = refusal.getKey();
            var response = member.post("/my/pcp-change", page, Map.of("practitionerId", d[0], "locationId", d[1]));
            assertThat(response.statusCode()).isEqualTo(302);
            assertThat(response.headers().firstValue("Location").orElseThrow())
                    .endsWith("/find-a-doctor/providers/" + d[0]);
            assertThat(member.page("/find-a-doctor/providers/" + d[0]))
                    .contains("id=\"pcp-refused\"")
                    .contains(refusal.getValue());
        }
        assertThat(jdbc.sql("select count(*) from coverage.pcp_change_request where member_id = ? and status = 'open'")
                        .param(MEMBER)
                        .query(Long.class)
                        .single())
                .isZero();
        // an office where the doctor does not practise is not found; a visitor who is not signed in is sent to sign in
        assertThat(member.post(
                                "/my/pcp-change",
                                page,
                                Map.of("practitionerId", specialist[0], "locationId", "no-such-location"))
                        .statusCode())
                .isEqualTo(404);
        var anonymous = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://localhost:" + port + "/find-a-doctor/providers/" + full[0]))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.body()).contains("id=\"sign-in-to-choose\"").doesNotContain("Make this my doctor");
    }
}
