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
        var found = jdbc.sql("""
                select id, client_name from identity.api_client where token_sha256 = ? and revoked_at is null""")
                .param(sha256(token))
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional();
        found.ifPresent(client -> noteUse(client.getKey()));
        return found.map(Map.Entry::getValue);
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

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
