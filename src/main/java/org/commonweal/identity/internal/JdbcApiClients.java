package org.commonweal.identity.internal;

import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.commonweal.identity.ApiClientChanged;
import org.commonweal.identity.ApiClientChanged.Change;
import org.commonweal.identity.ApiClients;
import org.commonweal.identity.ApiScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class JdbcApiClients implements ApiClients {

    static final String SECRET_PREFIX = "cws_";
    /** The prefix of the bearer tokens issued before issue #17 ("legacy bearer" clients). */
    static final String LEGACY_TOKEN_PREFIX = "cwk_";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastUseWritten = new ConcurrentHashMap<>();
    /** Legacy token hash → active client, for {@link #CACHE_TTL_NANOS}; evicted at once when disabled here. */
    private final Map<String, CachedClient> activeTokens = new ConcurrentHashMap<>();
    /** How long a legacy token found active is trusted without asking the database (bounds a revocation elsewhere). */
    static final long CACHE_TTL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private static final int CACHE_MAX = 10_000;

    /** A legacy bearer client, authenticated by its old token, with the scopes it was migrated to. */
    record LegacyClient(long id, String clientId, List<String> scopes, long validUntil) {}

    private record CachedClient(LegacyClient client) {}

    private final DisabledClients disabledClients;

    JdbcApiClients(JdbcClient jdbc, ApplicationEventPublisher events, DisabledClients disabledClients) {
        this.jdbc = jdbc;
        this.events = events;
        this.disabledClients = disabledClients;
    }

    @Override
    @Transactional
    public IssuedCredentials register(Registration registration) {
        String name = registration.clientName() == null
                ? ""
                : registration.clientName().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidClientException("apiclients.error.name");
        }
        if (registration.purpose() == null || registration.purpose().isBlank()) {
            throw new InvalidClientException("apiclients.error.purpose");
        }
        if (registration.scopes() == null || registration.scopes().isEmpty()) {
            throw new InvalidClientException("apiclients.error.scopes");
        }
        String jwksUrl = blankToNull(registration.jwksUrl());
        String publicJwk = blankToNull(registration.publicJwk());
        if (jwksUrl != null && publicJwk != null) {
            throw new InvalidClientException("apiclients.error.onekey");
        }
        if (jwksUrl != null) {
            checkJwksUrl(jwksUrl);
        }
        if (publicJwk != null) {
            publicJwk = checkPublicKey(publicJwk);
        }
        boolean secret = jwksUrl == null && publicJwk == null;
        if (secret && registration.scopes().stream().anyMatch(ApiScope::fhir)) {
            // SMART Backend Services: FHIR data only to clients that sign their assertion with a private key
            throw new InvalidClientException("apiclients.error.fhirneedskey");
        }
        String clientId = "cw-" + HexFormat.of().formatHex(randomBytes(8));
        String plainSecret = secret ? newSecret() : null;
        String actor = actor();
        long id = jdbc.sql("""
                insert into identity.api_client (client_id, client_name, purpose, scopes, jwks_url, public_jwk,
                    token_sha256, token_prefix, issued_by, secret_set_at)
                values (?, ?, ?, ?::text[], ?, ?, ?, ?, ?, case when ? then now() end) returning id""")
                .params(
                        clientId,
                        name,
                        registration.purpose().strip(),
                        textArray(registration.scopes().stream()
                                .map(ApiScope::value)
                                .sorted()
                                .toList()),
                        jwksUrl,
                        publicJwk,
                        secret ? sha256(plainSecret) : null,
                        secret ? plainSecret.substring(0, 8) : "",
                        actor,
                        secret)
                .query(Long.class)
                .single();
        events.publishEvent(new ApiClientChanged(id, name, Change.REGISTERED, actor));
        return new IssuedCredentials(id, clientId, name, plainSecret);
    }

    @Override
    @Transactional
    public IssuedCredentials rotateSecret(long id) {
        var client = jdbc.sql(
                        "select client_id, client_name from identity.api_client where id = ? and revoked_at is null"
                                + " and jwks_url is null and public_jwk is null and not legacy_bearer")
                .param(id)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .optional()
                .orElseThrow(() -> new InvalidClientException("apiclients.error.norotate"));
        String plainSecret = newSecret();
        jdbc.sql(
                        "update identity.api_client set token_sha256 = ?, token_prefix = ?, secret_set_at = now() where id = ?")
                .params(sha256(plainSecret), plainSecret.substring(0, 8), id)
                .update();
        events.publishEvent(new ApiClientChanged(id, client[1], Change.SECRET_ROTATED, actor()));
        return new IssuedCredentials(id, client[0], client[1], plainSecret);
    }

    @Override
    @Transactional
    public void disable(long id) {
        int changed = jdbc.sql("update identity.api_client set revoked_at = now() where id = ? and revoked_at is null")
                .param(id)
                .update();
        forget(id);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request racing with this transaction may have cached the token again before the commit
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(id);
                }
            });
        }
        if (changed > 0) {
            String name = jdbc.sql("select client_name from identity.api_client where id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            events.publishEvent(new ApiClientChanged(id, name, Change.DISABLED, actor()));
        }
    }

    @Override
    public List<ApiClient> list() {
        return jdbc.sql("select * from identity.api_client order by revoked_at nulls first, client_name")
                .query(JdbcApiClients::client)
                .list();
    }

    @Override
    public Optional<ApiClient> findByClientId(String clientId) {
        return jdbc.sql("select * from identity.api_client where client_id = ?")
                .param(clientId)
                .query(JdbcApiClients::client)
                .optional();
    }

    /** The stored public key (JWK JSON) and secret hash of an active client, for the authorization server. */
    record Credentials(ApiClient client, String publicJwk, String secretSha256) {}

    Optional<Credentials> credentials(String clientId) {
        return jdbc.sql("select * from identity.api_client where client_id = ? and revoked_at is null")
                .param(clientId)
                .query((rs, n) ->
                        new Credentials(client(rs, n), rs.getString("public_jwk"), rs.getString("token_sha256")))
                .optional();
    }

    /** A legacy bearer token's client, if the token is one and still active. */
    Optional<LegacyClient> authenticateLegacy(String token) {
        if (token == null || !token.startsWith(LEGACY_TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        long now = System.nanoTime();
        CachedClient cached = activeTokens.get(hash);
        if (cached != null && now - cached.client().validUntil() < 0) {
            noteUse(cached.client().clientId());
            return Optional.of(cached.client());
        }
        var found = jdbc.sql("""
                select id, client_id, scopes from identity.api_client
                where token_sha256 = ? and legacy_bearer and revoked_at is null""")
                .param(hash)
                .query((rs, n) -> new LegacyClient(
                        rs.getLong(1), rs.getString(2), strings(rs.getArray(3)), now + CACHE_TTL_NANOS))
                .optional();
        if (found.isPresent()) {
            if (activeTokens.size() >= CACHE_MAX) {
                activeTokens.clear();
            }
            activeTokens.put(hash, new CachedClient(found.get()));
            noteUse(found.get().clientId());
        } else {
            activeTokens.remove(hash);
        }
        return found;
    }

    /** Drops a client's tokens from the cache, so its revocation takes effect on this node's next request. */
    private void forget(long id) {
        activeTokens.values().removeIf(c -> c.client().id() == id);
        disabledClients.forget();
    }

    /** Writes the last-use time at most once a minute per client, not on every request. */
    void noteUse(String clientId) {
        Instant now = Instant.now();
        Instant last = lastUseWritten.get(clientId);
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            lastUseWritten.put(clientId, now);
            jdbc.sql("update identity.api_client set last_used_at = now() where client_id = ?")
                    .param(clientId)
                    .update();
        }
    }

    private String newSecret() {
        return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void checkJwksUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null || url.length() > 500) {
                throw new InvalidClientException("apiclients.error.jwksurl");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidClientException("apiclients.error.jwksurl");
        }
    }

    /** A public key (JWK) the client signs with: RSA or EC, no private part. Stored as its public JSON. */
    private static String checkPublicKey(String json) {
        try {
            JWK jwk = JWK.parse(json);
            if (jwk.isPrivate() || jwk.getKeyID() == null) {
                throw new InvalidClientException("apiclients.error.jwk");
            }
            return jwk.toPublicJWK().toJSONString();
        } catch (ParseException e) {
            throw new InvalidClientException("apiclients.error.jwk");
        }
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String textArray(List<String> values) {
        return "{" + String.join(",", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    /** One digest per thread: {@code MessageDigest.getInstance} (a provider look-up) was 2 % of an API call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String sha256(String token) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static ApiClient client(ResultSet rs, int row) throws SQLException {
        return new ApiClient(
                rs.getLong("id"),
                rs.getString("client_id"),
                rs.getString("client_name"),
                rs.getString("purpose"),
                strings(rs.getArray("scopes")),
                rs.getString("jwks_url"),
                rs.getString("public_jwk") != null,
                rs.getBoolean("legacy_bearer"),
                instant(rs.getTimestamp("issued_at")),
                rs.getString("issued_by"),
                instant(rs.getTimestamp("secret_set_at")),
                instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
