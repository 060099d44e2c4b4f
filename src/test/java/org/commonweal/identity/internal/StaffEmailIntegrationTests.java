package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A staff login's e-mail address for notifications (#22): set by an administrator on the users page or by the person
 * on their account page, checked on the server (a clear error in the page's language, nothing changed, what was
 * typed kept), audited without the address, and what other modules read through {@link UserAccounts#email}.
 */
@IntegrationTest
class StaffEmailIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private String newLogin() {
        String username = "m" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewUserAccount(
                username, "Test " + username, "violet tandem orchard forty-seven quills", Set.of(Role.CASE_MANAGER)));
        return username;
    }

    private long audited(String username, String actor) {
        return jdbc.sql("""
                select count(*) from audit.audit_event where entity_type = 'user-account' and entity_id = ?
                and action = 'UPDATE' and username = ? and detail like '%e-mail%'""").params(username, actor).query(Long.class).single();
    }

    @Test
    void anAdministratorSetsAndClearsALoginsAddressAndEachChangeIsAudited() throws Exception {
        String username = newLogin();
        assertThat(accounts.email(username)).as("no address on file at first").isEmpty();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/admin/users/" + username + "/email")
                        .with(admin)
                        .with(csrf())
                        .param("email", "  Maria.Rivera@example.org ")
                        .param("language", "es"))
                .andExpect(flash().attribute("changed", username));
        var email = accounts.email(username).orElseThrow();
        assertThat(email.address()).isEqualTo("Maria.Rivera@example.org");
        assertThat(email.language()).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(audited(username, "admin")).isEqualTo(1);
        assertThat(jdbc.sql(
                                "select count(*) from audit.audit_event where entity_id = ? and detail like '%example.org%'")
                        .param(username)
                        .query(Long.class)
                        .single())
                .as("the audit says what changed, not the address")
                .isZero();
        String page = mvc.perform(get("/admin/users").with(admin))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("Maria.Rivera@example.org");

        mvc.perform(post("/admin/users/" + username + "/email")
                        .with(admin)
                        .with(csrf())
                        .param("email", "")
                        .param("language", ""))
                .andExpect(flash().attribute("changed", username));
        assertThat(accounts.email(username)).as("cleared").isEmpty();
        assertThat(audited(username, "admin")).isEqualTo(2);
    }

    @Test
    void aMalformedAddressIsRefusedWithItsReasonAndNothingChanges() throws Exception {
        String username = newLogin();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/admin/users/" + username + "/email")
                .with(admin)
                .with(csrf())
                .param("email", "ok@example.org"));
        for (String bad :
                new String[] {"maria", "maria@", "maria@example", "a b@example.org", "x@" + "y".repeat(250) + ".org"}) {
            mvc.perform(post("/admin/users/" + username + "/email")
                            .with(admin)
                            .with(csrf())
                            .param("email", bad))
                    .andExpect(flash().attribute("errorKey", "users.error.email"))
                    .andExpect(flash().attribute("typedEmail", bad));
        }
        mvc.perform(post("/admin/users/" + username + "/email")
                        .with(admin)
                        .with(csrf())
                        .param("email", "ok@example.org")
                        .param("language", "fr"))
                .andExpect(flash().attribute("errorKey", "users.error.language"));
        assertThat(accounts.email(username).orElseThrow().address())
                .as("nothing changed")
                .isEqualTo("ok@example.org");
        assertThat(accounts.email(username).orElseThrow().language()).isNull();
        assertThat(audited(username, "admin")).isEqualTo(1);
    }

    @Test
    void aPersonSetsTheirOwnAddressOnTheAccountPageAndABadOneComesBackInTheirLanguage() throws Exception {
        String username = newLogin();
        var self = user(username).roles("CASE_MANAGER");
        String es = mvc.perform(post("/account/email")
                        .with(self)
                        .with(csrf())
                        .header("Accept-Language", "es")
                        .param("email", "maria@example")
                        .param("language", "es"))
                .andExpect(status().is(422))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(es)
                .contains("Correo electrónico: escriba un correo electrónico como nombre@ejemplo.org")
                .contains("value=\"maria@example\"");
        String en = mvc.perform(post("/account/email").with(self).with(csrf()).param("email", "maria@example"))
                .andExpect(status().is(422))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(en).contains("E-mail address: enter an email address like name@example.org");
        assertThat(accounts.email(username)).isEmpty();

        mvc.perform(post("/account/email")
                        .with(self)
                        .with(csrf())
                        .param("email", "maria@example.org")
                        .param("language", "es"))
                .andExpect(redirectedUrl("/account?emailSaved"));
        assertThat(accounts.email(username).orElseThrow().address()).isEqualTo("maria@example.org");
        assertThat(audited(username, username)).isEqualTo(1);
        assertThat(mvc.perform(get("/account").with(self))
                        .andExpect(status().isOk())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("value=\"maria@example.org\"");
    }

    @Test
    void aDisabledLoginHasNoAddressForNotifications() throws Exception {
        String username = newLogin();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/admin/users/" + username + "/email")
                .with(admin)
                .with(csrf())
                .param("email", "off@example.org"));
        assertThat(accounts.email(username)).isPresent();
        mvc.perform(post("/admin/users/" + username + "/enabled")
                .with(admin)
                .with(csrf())
                .param("enabled", "false"));
        assertThat(accounts.email(username)).isEmpty();
    }
}
