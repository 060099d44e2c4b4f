package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Redirect URIs of member apps (RFC 6749 §3.1.2, RFC 8252 §7.3) and the consent page's form-action. */
class MemberAppsTests {

    @Test
    void acceptsHttpsAndLoopbackRedirectUrisOnePerLine() {
        assertThat(MemberApps.redirectUris(" https://app.example.org/cb \r\n\nhttp://127.0.0.1:8765/callback\n"
                        + "http://localhost/cb\nhttps://app.example.org/cb"))
                .containsExactly("https://app.example.org/cb", "http://127.0.0.1:8765/callback", "http://localhost/cb");
    }

    @Test
    void refusesPlainHttpElsewhereFragmentsRelativeAndOtherSchemes() {
        for (String bad : List.of(
                "http://app.example.org/cb",
                "https://app.example.org/cb#x",
                "/cb",
                "javascript:alert(1)",
                "https://exa mple.org/",
                "ftp://127.0.0.1/cb",
                "http://127.0.0.1.evil.org/cb")) {
            assertThatThrownBy(() -> MemberApps.redirectUris(bad)).as(bad).hasMessage("memberApps.error.redirectUri");
        }
    }

    @Test
    void needsOneToTenRedirectUris() {
        assertThatThrownBy(() -> MemberApps.redirectUris(" \n ")).hasMessage("memberApps.error.redirectUris");
        String eleven = String.join(
                "\n",
                java.util.stream.IntStream.rangeClosed(1, 11)
                        .mapToObj(i -> "https://app.example.org/cb" + i)
                        .toList());
        assertThatThrownBy(() -> MemberApps.redirectUris(eleven)).hasMessage("memberApps.error.redirectUris");
    }

    @Test
    void theConsentFormMayEndOnlyAtTheAppsOwnOrigins() {
        String policy = MemberAppsController.consentPolicy(List.of(
                "https://app.example.org/cb", "http://127.0.0.1:8765/callback", "https://app.example.org/other"));
        assertThat(policy)
                .contains("form-action 'self' https://app.example.org http://127.0.0.1:8765;")
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'");
    }

    @Test
    void everyScopeAMemberAppMayAskForHasAPlainLanguageDescription() throws Exception {
        for (String bundle : List.of("/i18n/identity.properties", "/i18n/identity_es.properties")) {
            var messages = new java.util.Properties();
            try (var in = MemberAppsTests.class.getResourceAsStream(bundle)) {
                messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (String scope : MemberApps.SCOPES) {
                assertThat(messages.getProperty(MemberAppsController.scopeKey(scope)))
                        .as(bundle + " " + scope)
                        .isNotBlank();
            }
        }
    }
}
