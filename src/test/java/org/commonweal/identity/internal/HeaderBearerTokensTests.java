package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** The header resolver answers as Spring Security's {@link DefaultBearerTokenResolver}: token, null or the same error. */
class HeaderBearerTokensTests {

    private static final DefaultBearerTokenResolver SPRING = new DefaultBearerTokenResolver();

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode() + ":" + e.getError().getDescription() + ":" + e.getMessage();
        }
    }

    private static void same(String header) {
        var request = new MockHttpServletRequest("GET", "/api/v1/eligibility");
        if (header != null) {
            request.addHeader("Authorization", header);
        }
        assertThat(outcome(() -> new HeaderBearerTokens().resolve(request)))
                .as("Authorization: %s", header)
                .isEqualTo(outcome(() -> SPRING.resolve(request)));
    }

    @Test
    void boundaryHeadersAsSpringSecurity() {
        String jwt = "eyJraWQiOiJhIiwiYWxnIjoiUlMyNTYifQ.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJlLV8-";
        for (String header : new String[] {
            null,
            "",
            "B",
            "bear",
            "bearer",
            "Bearer",
            "Bearer ",
            "Bearer  ",
            "Bearer  x",
            "Bearer x",
            "bearer x",
            "BEARER x",
            "BeArEr x",
            "Bearerx",
            "Bearer\tx",
            "Bearer x ",
            " Bearer x",
            "Bearer x=",
            "Bearer x==",
            "Bearer x=y",
            "Bearer =",
            "Bearer ==",
            "Bearer x\n",
            "Bearer x\r\n",
            "Bearer " + jwt,
            "bearer " + jwt,
            "Bearer " + jwt + "=",
            "Bearer " + jwt + "!",
            "Bearer a~b+c/d-e.f_g",
            "Bearer é",
            "Bearer x,y",
            "Basic dXNlcjpwYXNz",
            "Bearerinvalid",
            "Token abc",
            "DPoP abc",
            "BEARERabc",
            "bearer\u00e9x"
        }) {
            same(header);
        }
    }

    @Test
    void legacyTokensAreLeftToTheirFilter() {
        var request = new MockHttpServletRequest("GET", "/api/v1/eligibility");
        request.addHeader("Authorization", "Bearer cwk_abcdef");
        assertThat(new HeaderBearerTokens().resolve(request)).isNull();
    }

    @Test
    void randomHeadersAsSpringSecurity() {
        var random = new Random(23);
        String alphabet = "bearBEAR xyz09-._~+/=\t!é\n";
        String[] starts = {"Bearer ", "bearer ", "BEARER ", "Bearer", "bEaReR ", ""};
        for (int i = 0; i < 100_000; i++) {
            var s = new StringBuilder(starts[random.nextInt(starts.length)]);
            int length = random.nextInt(8);
            for (int j = 0; j < length; j++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            same(s.toString());
        }
    }
}
