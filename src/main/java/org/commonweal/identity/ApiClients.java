package org.commonweal.identity;

import java.time.Instant;
import java.util.List;

/**
 * Registered machine clients (provider systems, clearinghouses) and their bearer tokens. A token is shown once when
 * issued and stored only as a SHA-256 hash; revoking it takes effect on the next request to the instance that revoked
 * it, and within 5 seconds on the other instances of a cluster (an active token is trusted that long without a
 * database look-up).
 */
public interface ApiClients {

    IssuedToken issue(String clientName, String purpose);

    void revoke(long id);

    List<ApiClient> list();

    /** A freshly issued token: give {@code token} to the client now, it cannot be shown again. */
    /** Serializable: it travels to the next page as a flash attribute, in the session store (#18). */
    record IssuedToken(long id, String clientName, String token) implements java.io.Serializable {
    }

    record ApiClient(long id, String clientName, String purpose, String tokenPrefix, Instant issuedAt,
            String issuedBy, Instant revokedAt, Instant lastUsedAt) {

        public boolean active() {
            return revokedAt == null;
        }
    }
}
