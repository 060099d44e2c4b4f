package org.commonweal.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * SMART Backend Services: a client assertion ({@code private_key_jwt}) carries a {@code jti} and expires within five
 * minutes, and the server refuses a {@code jti} it has already seen from that client before the assertion's expiry
 * (a replayed assertion). The seen ones are kept in PostgreSQL ({@code identity.client_assertion_jti}), so a replay
 * sent to another instance is refused too. Runs after the signature, issuer, subject, audience and time checks, so
 * only assertions signed with the client's key are recorded.
 */
@Component
class SingleUseAssertions {

    /** The longest lifetime SMART Backend Services allows an assertion, plus a minute of clock skew. */
    static final Duration MAX_LIFETIME = Duration.ofMinutes(5).plusMinutes(1);

    private static final OAuth2Error NO_JTI = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_CLIENT, "the client assertion needs a jti of at most 256 characters", null);
    private static final OAuth2Error TOO_LONG = new OAuth2Error(
            OAuth2ErrorCodes.INVALID_CLIENT, "the client assertion must expire within five minutes", null);
    private static final OAuth2Error REPLAYED =
            new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "this client assertion (jti) was already used", null);

    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    SingleUseAssertions(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    SingleUseAssertions(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The client's own checks first; the assertion is recorded as used only when they all pass. */
    OAuth2TokenValidator<Jwt> after(OAuth2TokenValidator<Jwt> checks) {
        return assertion -> {
            var result = checks.validate(assertion);
            return result.hasErrors() ? result : firstUse(assertion);
        };
    }

    OAuth2TokenValidatorResult firstUse(Jwt assertion) {
        String jti = assertion.getId();
        Instant expires = assertion.getExpiresAt();
        if (jti == null || jti.isBlank() || jti.length() > 256) {
            return OAuth2TokenValidatorResult.failure(NO_JTI);
        }
        Instant now = clock.instant();
        if (expires == null || expires.isAfter(now.plus(MAX_LIFETIME))) {
            return OAuth2TokenValidatorResult.failure(TOO_LONG);
        }
        jdbc.sql("delete from identity.client_assertion_jti where expires_at < ?")
                .param(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        int recorded = jdbc.sql("insert into identity.client_assertion_jti (client_id, jti, expires_at) "
                        + "values (?, ?, ?) on conflict do nothing")
                .params(assertion.getSubject(), jti, OffsetDateTime.ofInstant(expires, ZoneOffset.UTC))
                .update();
        return recorded == 1 ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REPLAYED);
    }
}
