package org.commonweal.identity.internal;

import java.time.Duration;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Refuses the still-unexpired access tokens of a client an administrator disabled. The set of disabled clients is
 * re-read at most every {@link #RELOAD_AFTER}, by whichever request comes first after that: one small query per
 * interval and instance, never one per API call.
 */
@Component
class DisabledClients implements OAuth2TokenValidator<Jwt> {

    static final long RELOAD_AFTER = Duration.ofSeconds(5).toNanos();
    private static final OAuth2Error DISABLED = new OAuth2Error("invalid_token", "the client is disabled", null);

    private final JdbcClient jdbc;
    private volatile Snapshot snapshot = new Snapshot(Set.of(), Long.MIN_VALUE);

    private record Snapshot(Set<String> clientIds, long loadedAt) {}

    DisabledClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        return disabled(token.getSubject())
                ? OAuth2TokenValidatorResult.failure(DISABLED)
                : OAuth2TokenValidatorResult.success();
    }

    boolean disabled(String clientId) {
        Snapshot now = snapshot;
        if (now.loadedAt() == Long.MIN_VALUE || System.nanoTime() - now.loadedAt() > RELOAD_AFTER) {
            now = new Snapshot(
                    Set.copyOf(jdbc.sql("select client_id from identity.api_client where revoked_at is not null")
                            .query(String.class)
                            .list()),
                    System.nanoTime());
            snapshot = now;
        }
        return now.clientIds().contains(clientId);
    }

    /** After a disable on this instance: take effect at the next request, not after the interval. */
    void forget() {
        snapshot = new Snapshot(Set.of(), Long.MIN_VALUE);
    }
}
