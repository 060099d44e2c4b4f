package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.EnumSet;
import java.util.UUID;

import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SecurityIntegrationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void demoLoginsSignInWithTheDocumentedPassword() throws Exception {
        for (Role role : Role.values()) {
            mvc.perform(formLogin().user(role.demoUsername()).password("demo-password"))
                    .andExpect(redirectedUrl("/"));
        }
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewUserAccount(username, "Lock Test", "correct horse battery",
                EnumSet.of(Role.ANALYST)));
        for (int i = 0; i < 4; i++) {
            mvc.perform(formLogin().user(username).password("wrong")).andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(formLogin().user(username).password("wrong")).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin().user(username).password("correct horse battery"))
                .andExpect(redirectedUrl("/login?locked"));

        // once the lock has passed, the right password works and the count starts again
        jdbc.sql("update identity.user_account set locked_until = now() - interval '1 second' where username = ?")
                .param(username).update();
        mvc.perform(formLogin().user(username).password("correct horse battery")).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_id = ? and action = 'LOGIN_FAILED'")
                .param(username).query(Integer.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/admin/users").param("username", "nocsrf").param("displayName", "x")
                .param("password", "long enough password").param("roles", "ANALYST")
                .with(user("admin").roles("ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").param("username", "withcsrf-" + UUID.randomUUID().toString().substring(0, 6))
                .param("displayName", "x").param("password", "long enough password").param("roles", "ANALYST")
                .with(user("admin").roles("ADMIN")).with(csrf())).andExpect(redirectedUrl("/admin/users"));
    }

    @Test
    void adminCreatingAWeakLoginGetsTheReasonAndNothingIsCreated() throws Exception {
        String name = "weak-" + UUID.randomUUID().toString().substring(0, 6);
        var result = mvc.perform(post("/admin/users").param("username", name).param("displayName", "x")
                .param("password", "short").param("roles", "ANALYST")
                .with(user("admin").roles("ADMIN")).with(csrf())).andReturn();
        assertThat(result.getFlashMap().get("error")).isEqualTo("password must be at least 12 characters");
        assertThat(accounts.findByUsername(name)).isEmpty();
    }

    @Test
    void pagesCarryTheSecureHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().string("Content-Security-Policy",
                        org.hamcrest.Matchers.allOf(org.hamcrest.Matchers.containsString("script-src 'self'"),
                                org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("unsafe-inline")))))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"))
                .andExpect(header().exists("X-Request-Id"));
        // HSTS only over TLS
        mvc.perform(get("/").secure(true)).andExpect(header().exists("Strict-Transport-Security"));
        mvc.perform(get("/")).andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void publicPagesCreateNoServerSession() throws Exception {
        var response = mvc.perform(get("/places")).andReturn();
        assertThat(response.getRequest().getSession(false)).isNull();
    }

    @Test
    void unknownPagesAreFriendly404sForSignedInUsers() throws Exception {
        var page = mvc.perform(get("/no/such/page").with(user("analyst").roles("ANALYST")))
                .andExpect(status().isNotFound()).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(404);
    }
}
