package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The users page (#18): roles, disable, unlock and a forced password reset, each audited. */
@IntegrationTest
class UserAdministrationIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    private static final String PASSWORD = "violet tandem orchard forty-seven quills";

    private String newLogin() {
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewUserAccount(username, "Test " + username, PASSWORD, Set.of(Role.ANALYST)));
        return username;
    }

    private long auditedChanges(String username) {
        return jdbc.sql("select count(*) from audit.audit_event where entity_type = 'user-account' and entity_id = ? "
                        + "and action = 'UPDATE' and username = 'admin'")
                .param(username)
                .query(Long.class)
                .single();
    }

    @Test
    void anAdministratorChangesRolesDisablesAndUnlocksALoginAndEachChangeIsAudited() throws Exception {
        String username = newLogin();
        var admin = user("admin").roles("ADMIN");
        mvc.perform(post("/admin/users/" + username + "/roles")
                        .with(admin)
                        .with(csrf())
                        .param("roles", "ANALYST", "CASE_MANAGER"))
                .andExpect(flash().attribute("changed", username));
        assertThat(accounts.findByUsername(username).orElseThrow().roles())
                .containsExactlyInAnyOrder(Role.ANALYST, Role.CASE_MANAGER);
        // no role at all is refused: disable the login instead
        mvc.perform(post("/admin/users/" + username + "/roles").with(admin).with(csrf()))
                .andExpect(flash().attribute("errorKey", "users.error.noRole"));

        mvc.perform(post("/admin/users/" + username + "/enabled")
                .with(admin)
                .with(csrf())
                .param("enabled", "false"));
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(unauthenticated());
        mvc.perform(post("/admin/users/" + username + "/enabled")
                .with(admin)
                .with(csrf())
                .param("enabled", "true"));

        jdbc.sql(
                        "update identity.user_account set locked_until = now() + interval '1 hour', failed_attempts = 5 where username = ?")
                .param(username)
                .update();
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(unauthenticated());
        String page = mvc.perform(get("/admin/users").with(admin))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"state-" + username + "\"");
        mvc.perform(post("/admin/users/" + username + "/unlock").with(admin).with(csrf()));
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(authenticated());
        assertThat(auditedChanges(username)).isEqualTo(4);
        // an administrator cannot lock themselves out
        mvc.perform(post("/admin/users/admin/enabled").with(admin).with(csrf()).param("enabled", "false"))
                .andExpect(flash().attribute("errorKey", "users.error.ownDisable"));
        mvc.perform(get("/admin/users").with(user(username).roles("ANALYST"))).andExpect(status().isForbidden());
    }

    @Test
    void aForcedResetGivesAOneTimePasswordAndTheNewPasswordIsChosenBeforeAnythingElse() throws Exception {
        String username = newLogin();
        String oneTime = (String) mvc.perform(post("/admin/users/" + username + "/password-reset")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andReturn()
                .getFlashMap()
                .get("oneTimePassword");
        assertThat(oneTime).hasSize(16);
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(unauthenticated());
        var login = mvc.perform(formLogin().user(username).password(oneTime))
                .andExpect(authenticated())
                .andReturn();
        var session = login.getResponse().getCookie("SESSION");
        var me = user(username).roles("ANALYST");
        var first = get("/insights").with(me);
        if (session != null) {
            first.cookie(session);
        }
        mvc.perform(first).andExpect(redirectedUrl("/account/password"));
        mvc.perform(post("/account/password")
                        .with(me)
                        .with(csrf())
                        .param("password", "short")
                        .param("confirmation", "short"))
                .andExpect(status().isUnprocessableContent());
        mvc.perform(post("/account/password")
                        .with(me)
                        .with(csrf())
                        .param("password", "a new long passphrase")
                        .param("confirmation", "a new long passphrase"))
                .andExpect(redirectedUrl("/?passwordChanged"));
        mvc.perform(formLogin().user(username).password("a new long passphrase"))
                .andExpect(authenticated());
        assertThat(jdbc.sql("select password_change_required from identity.user_account where username = ?")
                        .param(username)
                        .query(Boolean.class)
                        .single())
                .isFalse();
    }

    @Test
    void aNewLoginWithEveryKindOfMistakeComesBackInSpanishWithEveryErrorAtOnceAndNothingCreated() throws Exception {
        var admin = user("admin").roles("ADMIN");
        String name = "N".repeat(10_000);
        String page = mvc.perform(post("/admin/users")
                        .with(admin)
                        .with(csrf())
                        .param("lang", "es")
                        .param("username", "x y")
                        .param("displayName", name)
                        .param("password", "short")
                        .param("roles", "WIZARD"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "Hay un problema",
                        "href=\"#new-username\"",
                        "Usuario: use de 3 a 64 letras",
                        "href=\"#new-displayName\"",
                        "Nombre: use como máximo 120 caracteres",
                        "href=\"#new-password\"",
                        "Contraseña: use al menos 12 caracteres",
                        "href=\"#new-roles\"",
                        "value=\"x y\"",
                        "value=\"" + name + "\"")
                .doesNotContain("value=\"short\"");
        assertThat(accounts.findByUsername("x y")).isEmpty();

        // a login that exists, a leaked password and no role: each named, in English too
        String taken = mvc.perform(post("/admin/users")
                        .with(admin)
                        .with(csrf())
                        .param("username", "admin")
                        .param("displayName", "Second admin")
                        .param("password", "123qweasdzxc"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(taken)
                .contains(
                        "Username: that login is already taken",
                        "Password: this password is on the list",
                        "Roles: tick at least one",
                        "value=\"Second admin\"");
    }

    @Test
    void aNewOwnPasswordFollowsTheSamePasswordRulesAndShowsEveryProblemAtOnce() throws Exception {
        String username = newLogin();
        var me = user(username).roles("ANALYST");
        // twelve of the same letter passed the old length-only check
        String page = mvc.perform(post("/account/password")
                        .with(me)
                        .with(csrf())
                        .param("lang", "es")
                        .param("password", "aaaaaaaaaaaaaaaa")
                        .param("confirmation", "aaaaaaaaaaaaaaab"))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"error-summary\"",
                        "href=\"#new-password\"",
                        "Contraseña nueva: esta contraseña es fácil de adivinar",
                        "href=\"#new-confirmation\"",
                        "Contraseña nueva otra vez: escriba la misma contraseña dos veces");
        mvc.perform(formLogin().user(username).password(PASSWORD)).andExpect(authenticated());
    }
}
