package org.commonweal.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Registered machine clients (provider systems, clearinghouses): OAuth 2.0 clients of the authorization server,
 * which authenticate with a signed JWT (SMART Backend Services, {@code private_key_jwt}: a JWKS URL or an uploaded
 * public key) or, for non-FHIR partners, a client secret. A secret is shown once when issued and stored only as a
 * SHA-256 hash; it never passes through the HTTP session.
 */
public interface ApiClients {

    /** Registers an active client; the secret (if any) is in the answer and nowhere else. */
    IssuedCredentials register(Registration registration);

    /** A new secret for a secret-holding client; the old one stops working at once. */
    IssuedCredentials rotateSecret(long id);

    void disable(long id);

    List<ApiClient> list();

    Optional<ApiClient> findByClientId(String clientId);

    /**
     * What an administrator or the {@code create-api-client} command asks for. Exactly one way to authenticate:
     * {@code jwksUrl}, {@code publicJwk} (a JSON Web Key), or neither for a client secret (non-FHIR scopes only).
     */
    record Registration(String clientName, String purpose, Set<ApiScope> scopes, String jwksUrl, String publicJwk) {}

    /** Give {@code clientId} and {@code secret} to the client now: the secret cannot be shown again. */
    record IssuedCredentials(long id, String clientId, String clientName, String secret) {}

    record ApiClient(
            long id,
            String clientId,
            String clientName,
            String purpose,
            List<String> scopes,
            String jwksUrl,
            boolean uploadedKey,
            boolean legacyBearer,
            Instant issuedAt,
            String issuedBy,
            Instant secretSetAt,
            Instant disabledAt,
            Instant lastUsedAt) {

        public boolean active() {
            return disabledAt == null;
        }

        public boolean usesSecret() {
            return jwksUrl == null && !uploadedKey;
        }
    }
}
