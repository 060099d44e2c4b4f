package org.commonweal.housing.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.commonweal.platform.DemoMailbox;
import org.commonweal.platform.Outbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Housing notifications that reach the case manager (#22): a supervisor's reassignment is e-mailed to the new case
 * manager through the platform outbox (read back from the demo's embedded mail server), in their language, with a
 * link and no detail of the client; a case manager without an address on their login is recorded as not told, and
 * the client file says why.
 */
@IntegrationTest
class CaseManagerNoticesIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    Outbox outbox;

    @Autowired
    DemoMailbox mailbox;

    /** A login on the Metro team (sup-metro supervises it) with {@code email} on file, or none. */
    private String caseManager(String email, String language) {
        String username = "cm-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewUserAccount(
                username, "Test " + username, "violet tandem orchard forty-seven quills", Set.of(Role.CASE_MANAGER)));
        if (email != null) {
            jdbc.sql("update identity.user_account set email = ?, language = ? where username = ?")
                    .params(email, language, username)
                    .update();
        }
        jdbc.sql("insert into housing.team_member (username, team_id) values (?, 1)")
                .param(username)
                .update();
        return username;
    }

    /** A Metro client that is not client 1 (other tests rely on that one's case manager). */
    private long metroClient() {
        return jdbc.sql("""
                select client_id from housing.assignment where case_manager = 'cm-okafor' and ended_on is null
                order by client_id limit 1""").query(Long.class).single();
    }

    private void reassign(long client, String to) throws Exception {
        mvc.perform(post("/housing/clients/" + client + "/assignment")
                        .with(user("sup-metro").roles("CASE_MANAGER"))
                        .with(csrf())
                        .param("caseManager", to))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theNewCaseManagerIsEmailedALinkInTheirLanguageWithoutTheClientsDetails() throws Exception {
        String address = "rivera." + UUID.randomUUID().toString().substring(0, 6) + "@example.org";
        String to = caseManager(address, "es");
        long client = metroClient();
        var details = jdbc.sql(
                        "select first_name, last_name, personal_id, coalesce(member_id, '') from housing.client where id = ?")
                .param(client)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)})
                .single();
        try {
            reassign(client, to);
            outbox.dispatch();
            var mail = mailbox.messages(200).stream()
                    .filter(m -> m.to().contains(address))
                    .toList();
            assertThat(mail).as("one message reached the demo mailbox").hasSize(1);
            var message = mail.getFirst();
            assertThat(message.subject()).isEqualTo("Se le asignó un cliente de vivienda");
            assertThat(message.text()).contains("sup-metro asignó un cliente").contains("/housing/clients/" + client);
            for (String detail : details) {
                if (!detail.isBlank()) {
                    assertThat(message.text())
                            .as("minimum necessary: no client detail")
                            .doesNotContain(detail);
                    assertThat(message.subject()).doesNotContain(detail);
                }
            }
            String file = mvc.perform(get("/housing/clients/" + client)
                            .with(user("sup-metro").roles("CASE_MANAGER")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(file).contains("assignment to " + to + " (by sup-metro)").contains("e-mailed");
        } finally {
            reassign(client, "cm-okafor");
        }
    }

    @Test
    void aCaseManagerWithoutAnAddressIsRecordedAsNotToldAndTheFileSaysWhy() throws Exception {
        String to = caseManager(null, null);
        long client = metroClient();
        long queued = jdbc.sql("select count(*) from platform.outbox where module = 'housing'")
                .query(Long.class)
                .single();
        try {
            reassign(client, to);
            assertThat(jdbc.sql("select count(*) from platform.outbox where module = 'housing'")
                            .query(Long.class)
                            .single())
                    .as("nothing queued")
                    .isEqualTo(queued);
            assertThat(jdbc.sql("select not_sent from housing.notice where client_id = ? and recipient = ?")
                            .params(client, to)
                            .query(String.class)
                            .single())
                    .isEqualTo(CaseManagerNotices.NO_EMAIL);
            String en = mvc.perform(get("/housing/clients/" + client)
                            .with(user("sup-metro").roles("CASE_MANAGER")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(en).contains("not sent: " + to + " has no e-mail address on their login");
            String es = mvc.perform(get("/housing/clients/" + client)
                            .header("Accept-Language", "es")
                            .with(user("sup-metro").roles("CASE_MANAGER")))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(es).contains("no enviado: " + to + " no tiene correo electrónico en su cuenta");
        } finally {
            reassign(client, "cm-okafor");
        }
    }

    @Test
    void assigningAClientToOneselfSendsNothing() throws Exception {
        String self = caseManager("self@example.org", null);
        long client = metroClient();
        long before = jdbc.sql("select count(*) from housing.notice")
                .query(Long.class)
                .single();
        try {
            jdbc.sql("update housing.team set supervisor_username = ? where id = 1")
                    .param(self)
                    .update();
            mvc.perform(post("/housing/clients/" + client + "/assignment")
                            .with(user(self).roles("CASE_MANAGER"))
                            .with(csrf())
                            .param("caseManager", self))
                    .andExpect(status().is3xxRedirection());
            assertThat(jdbc.sql("select count(*) from housing.notice")
                            .query(Long.class)
                            .single())
                    .isEqualTo(before);
        } finally {
            jdbc.sql("update housing.team set supervisor_username = 'sup-metro' where id = 1")
                    .update();
            reassign(client, "cm-okafor");
        }
    }
}
