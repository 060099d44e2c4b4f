package org.commonweal.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.commonweal.identity.ApiClientChanged;
import org.commonweal.identity.ApiClients;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcApiClients implements ApiClients {

    static final String TOKEN_PREFIX = "cwk_";

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Instant> lastUseWritten = new ConcurrentHashMap<>();
    /** Token hash → active client, for {@link #CACHE_TTL_NANOS}; evicted at once when revoked here. */
    private final Map<String, CachedClient> activeTokens = new ConcurrentHashMap<>();
    /** How long a token found active is trusted without asking the database (bounds a revocation on another node). */
    static final long CACHE_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private static final int CACHE_MAX = 10_000;

    private record CachedClient(long id, String name, long validUntil) {
    }

    JdbcApiClients(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    @Transactional
    public IssuedToken issue(String clientName, String purpose) {
        if (clientName == null || clientName.isBlank() || clientName.length() > 100) {
            throw new IllegalArgumentException("a client needs a name of at most 100 characters");
        }
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("say what the client uses the API for");
        }
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        long id = jdbc.sql("""
                insert into identity.api_client (client_name, purpose, token_sha256, token_prefix, issued_by)
                values (?, ?, ?, ?, ?) returning id""")
                .params(clientName.trim(), purpose.trim(), sha256(token), token.substring(0, 8),
                        auth == null ? "system" : auth.getName())
                .query(Long.class).single();
        events.publishEvent(new ApiClientChanged(id, clientName.trim(), false, auth == null ? "system" : auth.getName()));
        return new IssuedToken(id, clientName.trim(), token);
    }

    @Override
    @Transactional
    public void revoke(long id) {
        int changed = jdbc.sql("update identity.api_client set revoked_at = now() where id = ? and revoked_at is null")
                .param(id).update();
        forget(id);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // a request racing with this transaction may have cached the token again before the commit
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            forget(id);
                        }
                    });
        }
        if (changed > 0) {
            var auth = SecurityContextHolder.getContext().getAuthentication();
            events.publishEvent(new ApiClientChanged(id, null, true, auth == null ? "system" : auth.getName()));
        }
    }

    @Override
    public List<ApiClient> list() {
        return jdbc.sql("""
                select id, client_name, purpose, token_prefix, issued_at, issued_by, revoked_at, last_used_at
                from identity.api_client order by revoked_at nulls first, client_name""")
                .query(JdbcApiClients::client).list();
    }

    /** The client name of an active token. */
    Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        long now = System.nanoTime();
        CachedClient cached = activeTokens.get(hash);
        if (cached != null && now - cached.validUntil() < 0) {
            noteUse(cached.id());
            return Optional.of(cached.name());
        }
        var found = jdbc.sql("""
                select id, client_name from identity.api_client where token_sha256 = ? and revoked_at is null""")
                .param(hash)
                .query((rs, n) -> new CachedClient(rs.getLong(1), rs.getString(2), now + CACHE_TTL_NANOS)).optional();
        if (found.isPresent()) {
            if (activeTokens.size() >= CACHE_MAX) {
                activeTokens.clear();
            }
            activeTokens.put(hash, found.get());
            noteUse(found.get().id());
        } else {
            activeTokens.remove(hash);
        }
        return found.map(CachedClient::name);
    }

    /** Drops a client's tokens from the cache, so its revocation takes effect on this node's next request. */
    private void forget(long id) {
        activeTokens.values().removeIf(c -> c.id() == id);
    }

    /** Writes the last-use time at most once a minute per client, not on every request. */
    private void noteUse(long id) {
        Instant now = Instant.now();
        Instant last = lastUseWritten.get(id);
        if (last == null || last.isBefore(now.minusSeconds(60))) {
            lastUseWritten.put(id, now);
            jdbc.sql("update identity.api_client set last_used_at = now() where id = ?").param(id).update();
        }
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

    private static ApiClient client(ResultSet rs, int row) throws SQLException {
        return new ApiClient(rs.getLong("id"), rs.getString("client_name"), rs.getString("purpose"),
                rs.getString("token_prefix"), instant(rs.getTimestamp("issued_at")), rs.getString("issued_by"),
                instant(rs.getTimestamp("revoked_at")), instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
