package org.commonweal.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.commonweal.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The passkey rule without a browser: a passkey is never a first factor, logins of other roles are not offered
 * one, a staff login that gave only its password reaches nothing but enrolment (through the real JDBC session
 * store), and a passkey name that is too long is a 422 that stores nothing. The browser test enrols and signs in.
 */
@IntegrationTest
class PasskeyIntegrationTests {

    private static final String PASSWORD = "correct horse battery";

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Test
    void aPasskeyIsNeverTheFirstFactor() throws Exception {
        mvc.perform(post("/webauthn/authenticate/options").with(csrf())).andExpect(status().isUnauthorized());
        mvc.perform(post("/login/webauthn")
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/webauthn/register/options").with(csrf())).andExpect(status().isUnauthorized());
    }

    @Test
    void loginsOfOtherRolesAreNotOfferedPasskeys() throws Exception {
        var member = user("member").roles("MEMBER");
        mvc.perform(post("/webauthn/register/options").with(member).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/account/passkeys").with(member)).andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/account").with(member))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .doesNotContain("account-passkeys");
        assertThat(mvc.perform(get("/account").with(user("analyst").roles("ANALYST")))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .contains("id=\"account-passkeys\"");
    }

    @Test
    void aStaffPasswordAloneReachesOnlyEnrolmentAndABadNameStoresNothing() throws Exception {
        String username = "pk-ms-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.create(
                new UserAccounts.NewUserAccount(username, "Passkey MS", PASSWORD, EnumSet.of(Role.MEMBER_SERVICES)));
        var login = mvc.perform(formLogin().user(username).password(PASSWORD)).andReturn();
        Cookie session = login.getResponse().getCookie("SESSION");
        assertThat(session).as("the sign-in's session cookie").isNotNull();

        mvc.perform(in(get("/members"), session)).andExpect(redirectedUrl("/account/passkeys"));
        mvc.perform(in(get("/login/passkey"), session)).andExpect(redirectedUrl("/account/passkeys"));
        mvc.perform(in(post("/account/passkeys/remove").with(csrf()).param("credentialId", "x"), session))
                .andExpect(status().isForbidden());
        mvc.perform(in(get("/account/passkeys"), session)).andExpect(status().isOk());

        // the challenge goes into the JDBC session (Spring Security's own options object could not be serialized)
        var options = mvc.perform(in(post("/webauthn/register/options").with(csrf()), session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(options).contains("\"challenge\"").contains("\"rp\"").contains("\"id\":\"localhost\"");
        String registration = """
                {"publicKey": {"label": "%s", "credential": {"id": "AQID", "rawId": "AQID", "type": "public-key",
                  "response": {"attestationObject": "AQID", "clientDataJSON": "AQID", "transports": []},
                  "clientExtensionResults": {}, "authenticatorAttachment": "platform"}}}""".formatted("k".repeat(101));
        var refused = mvc.perform(in(
                        post("/webauthn/register")
                                .with(csrf())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(registration),
                        session))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(422);
        assertThat(refused.getContentAsString()).contains("label");
        mvc.perform(in(get("/insights"), session)).andExpect(redirectedUrl("/account/passkeys"));
    }

    @Test
    void aPasskeyAnsweringForAnotherLoginThanThePasswordEndsTheSession() throws Exception {
        // what a passkey step leaves when the passkey is another login's: that login, with the passkey factor only
        var other = new UsernamePasswordAuthenticationToken(
                "pk-other",
                null,
                List.of(
                        new SimpleGrantedAuthority(Role.ANALYST.authority()),
                        FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)));
        mvc.perform(get("/insights").with(authentication(other))).andExpect(status().isUnauthorized());
        var both = new UsernamePasswordAuthenticationToken(
                "analyst",
                null,
                List.of(
                        new SimpleGrantedAuthority(Role.ANALYST.authority()),
                        FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY),
                        FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.WEBAUTHN_AUTHORITY)));
        mvc.perform(get("/insights").with(authentication(both))).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder in(MockHttpServletRequestBuilder request, Cookie session) {
        return request.cookie(session);
    }
}
