package org.commonweal.memberhome;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonweal.IntegrationTest;
import org.commonweal.SignedInClient;
import org.commonweal.centers.Centers;
import org.commonweal.centers.NewParticipant;
import org.commonweal.centers.ParticipantKind;
import org.commonweal.centers.RegistrationChannel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo member signs in over real HTTP and lands on their own home: coverage, their PCP with a phone to tap, the
 * classes they booked and the ID card; other roles still get the list of areas.
 */
@IntegrationTest
class MemberHomeIntegrationTests {

    static final String MEMBER = "DEMO-MEMBER-1";

    @LocalServerPort
    int port;

    @Autowired
    Centers centers;

    @Autowired
    JdbcClient jdbc;

    SignedInClient signedIn(String username) throws Exception {
        var client = new SignedInClient(port, username, "demo-password");
        // signing in leads to the home page
        assertThat(client.landing).endsWith("/");
        return client;
    }

    @Test
    void theMemberLandsOnTheirHomeWithCoveragePcpClassesAndTheIdCard() throws Exception {
        var client = signedIn("member");
        String home = client.page("/");
        assertThat(home)
                .contains("id=\"member-welcome\"")
                .contains("Welcome, María")
                .contains("id=\"member-coverage\"")
                .contains("Medi-Cal")
                .contains("Covered today")
                .contains("href=\"tel:+18888399909\"")
                .contains("href=\"/my/coverage/id-card\"")
                .doesNotContain("id=\"home-areas\"");
        // the demo enrollment names a PCP the directory does not list: the member is told whom to call
        assertThat(home).contains("Jorge Hernandez").contains("id=\"pcp-call-member-services\"");

        // a PCP the directory lists (by NPI) comes with the office and a phone to tap
        var doctor = jdbc.sql("""
                select p.npi, p.given, p.family, l.phone from network.practitioner p
                join network.practitioner_role r on r.practitioner_id = p.id
                join network.location l on l.id = r.location_id
                where p.active and not p.suppressed and r.active and not r.suppressed and l.active
                  and l.phone is not null and r.accepting = 'newpt' order by p.id limit 1""")
                .query((rs, n) ->
                        new String[] {rs.getString(1), rs.getString(2) + " " + rs.getString(3), rs.getString(4)})
                .single();
        String oldNpi = jdbc.sql(
                        "select pcp_npi from coverage.enrollment_span where member_id = ? and end_date is null")
                .param(MEMBER)
                .query(String.class)
                .single();
        var session = jdbc.sql("""
                select id from centers.class_session where starts_at > now() + interval '1 day'
                and status <> 'cancelled' and taken < capacity order by starts_at limit 1""").query(Long.class).single();
        var registration = centers.register(
                session,
                new NewParticipant(
                        ParticipantKind.PLAN_MEMBER, MEMBER, "María", "Peña", null, null, null, "es", false, null),
                RegistrationChannel.STAFF,
                "test");
        try {
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                    .params(doctor[0], MEMBER)
                    .update();
            String withPcp = client.page("/my");
            String digits = doctor[2].replaceAll("[^0-9]", "");
            assertThat(withPcp)
                    .contains(doctor[1])
                    .contains("href=\"tel:+1" + digits + "\"")
                    .doesNotContain("id=\"pcp-call-member-services\"");
            String title = centers.session(session).orElseThrow().titleEn();
            assertThat(withPcp)
                    .contains("class=\"border-bottom py-2 member-class\"")
                    .contains(title)
                    .contains("/centers/registrations/" + registration.confirmationCode())
                    .contains("You have a seat");
        } finally {
            jdbc.sql("update coverage.enrollment_span set pcp_npi = ? where member_id = ? and end_date is null")
                    .params(oldNpi, MEMBER)
                    .update();
            centers.cancel(registration.confirmationCode(), "test");
        }
        assertThat(client.page("/my")).doesNotContain(registration.confirmationCode());
    }

    @Test
    void otherRolesStillSeeTheirAreasAndCannotOpenTheMemberHome() throws Exception {
        var client = signedIn("member-services");
        assertThat(client.page("/")).contains("id=\"home-areas\"").doesNotContain("id=\"member-welcome\"");
        assertThat(client.send("/my").statusCode()).isEqualTo(403);
    }
}
