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

    /** A sign-in form posted from this client address. */
    private static org.springframework.test.web.servlet.RequestBuilder signIn(
            String username, String password, String address) {
        return post("/login")
                .param("username", username)
                .param("password", password)
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    @Test
    void fiveWrongPasswordsThrottleThatAddressOnlyAndSayNothingMore() throws Exception {
        String username = "lock-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(new UserAccounts.NewUserAccount(
                username, "Lock Test", "correct horse battery", EnumSet.of(Role.ANALYST)));
        for (int i = 0; i < 5; i++) {
            mvc.perform(signIn(username, "wrong", "203.0.113.7")).andExpect(redirectedUrl("/login?error"));
        }
        // that address now waits, even with the right password, and is told no more than for a wrong one
        mvc.perform(signIn(username, "correct horse battery", "203.0.113.7")).andExpect(redirectedUrl("/login?error"));
        // the owner at another address is not locked out (was: the whole account for 15 minutes, "?locked")
        mvc.perform(signIn(username, "correct horse battery", "198.51.100.20")).andExpect(redirectedUrl("/"));

        // once the wait has passed, the right password works there too and clears the count
        jdbc.sql("update identity.login_throttle set blocked_until = now() - interval '1 second' where login = ?")
                .param(username)
                .update();
        mvc.perform(signIn(username, "correct horse battery", "203.0.113.7")).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("select count(*) from identity.login_throttle where login = ?")
                        .param(username)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from audit.audit_event where entity_id = ? and action = 'LOGIN_FAILED'")
                        .param(username)
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void anUnknownLoginIsAnsweredExactlyLikeAKnownOne() throws Exception {
        String known = "known-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(
                new UserAccounts.NewUserAccount(known, "Known", "correct horse battery", EnumSet.of(Role.ANALYST)));
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 7; i++) {
            var a = mvc.perform(signIn(known, "wrong", "203.0.113.9")).andReturn();
            var b = mvc.perform(signIn(unknown, "wrong", "203.0.113.19")).andReturn();
            assertThat(a.getResponse().getRedirectedUrl())
                    .isEqualTo("/login?error")
                    .isEqualTo(b.getResponse().getRedirectedUrl());
        }
    }

    @Test
    void aDisabledLoginLooksLikeAWrongPassword() throws Exception {
        String username = "off-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(
                new UserAccounts.NewUserAccount(username, "Off", "correct horse battery", EnumSet.of(Role.ANALYST)));
        jdbc.sql("update identity.user_account set locked_until = now() + interval '1 hour' where username = ?")
                .param(username)
                .update();
        mvc.perform(signIn(username, "correct horse battery", "203.0.113.10")).andExpect(redirectedUrl("/login?error"));
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void cookiesAreSecureWhenTheRequestCameOverHttpsThroughTheProxy() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var viaTls = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login"))
                        .header("X-Forwarded-Proto", "https")
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(viaTls.headers().allValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("; Secure"));
        var plain = http.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/login"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(plain.headers().allValues("Set-Cookie"))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c).doesNotContainIgnoringCase("secure"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        mvc.perform(post("/admin/users")
                        .param("username", "nocsrf")
                        .param("displayName", "x")
                        .param("password", "long enough password")
                        .param("roles", "ANALYST")
                        .with(user("admin").roles("ADMIN")))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users")
                        .param(
                                "username",
                                "withcsrf-" + UUID.randomUUID().toString().substring(0, 6))
                        .param("displayName", "x")
                        .param("password", "long enough password")
                        .param("roles", "ANALYST")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(redirectedUrl("/admin/users"));
    }

    @Test
    void adminCreatingAWeakLoginGetsTheReasonAndNothingIsCreated() throws Exception {
        String name = "weak-" + UUID.randomUUID().toString().substring(0, 6);
        String page = mvc.perform(post("/admin/users")
                        .param("username", name)
                        .param("displayName", "x")
                        .param("password", "short")
                        .param("roles", "ANALYST")
                        .with(user("admin").roles("ADMIN"))
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("href=\"#new-password\"", "Password: use at least 12 characters");
        assertThat(accounts.findByUsername(name)).isEmpty();
    }

    @Test
    void pagesCarryTheSecureHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().string(
                                "Content-Security-Policy",
                                org.hamcrest.Matchers.allOf(
                                        org.hamcrest.Matchers.containsString("script-src 'self'"),
                                        org.hamcrest.Matchers.not(
                                                org.hamcrest.Matchers.containsString("unsafe-inline")))))
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
                .andExpect(status().isNotFound())
                .andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(404);
    }
}
