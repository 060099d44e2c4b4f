package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

class VerifiedTokensTests {

    private static Jwt jwt(String value) {
        return Jwt.withTokenValue(value)
                .header("alg", "RS256")
                .subject("cw-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .build();
    }

    @Test
    void verifiesASignatureOnceButChecksTheCheapRulesEveryCall() {
        var verifications = new AtomicInteger();
        var refuse = new AtomicReference<OAuth2Error>();
        var tokens = new VerifiedTokens(
                token -> {
                    verifications.incrementAndGet();
                    return jwt(token);
                },
                jwt -> refuse.get() == null
                        ? OAuth2TokenValidatorResult.success()
                        : OAuth2TokenValidatorResult.failure(refuse.get()));

        assertThat(tokens.decode("a").getSubject()).isEqualTo("cw-1");
        tokens.decode("a");
        tokens.decode("a");
        assertThat(verifications).hasValue(1);
        tokens.decode("b");
        assertThat(verifications).hasValue(2);

        // the client is disabled meanwhile: refused at once, and verified afresh if it comes again
        refuse.set(new OAuth2Error("invalid_token", "the client is disabled", null));
        assertThatThrownBy(() -> tokens.decode("a"))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("disabled");
        refuse.set(null);
        tokens.decode("a");
        assertThat(verifications).hasValue(3);
    }
}
