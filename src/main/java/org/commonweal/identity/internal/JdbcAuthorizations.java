package org.commonweal.identity.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.transaction.annotation.Transactional;

/**
 * The authorization server's authorizations in PostgreSQL ({@code identity.oauth2_authorization}): the consent
 * step's state, authorization codes and the tokens of member apps. Any instance can finish a flow another one
 * started, so no sticky sessions. Rows are found by the SHA-256 of a token; the authorization itself is kept in Spring
 * Authorization Server's serialized form (the same form its objects take in a session), read back through a filter
 * that admits only Java and Spring classes. Such a row outlives a release of Spring Authorization Server only while
 * its serialized form stays compatible: a flow in progress during an upgrade may have to start again (codes live two
 * minutes, member-app tokens fifteen). Rows are deleted once everything in them has expired. Wrapped by
 * {@code AuthorizationServerConfiguration#authorizationService}, which keeps machine clients' tokens out of it.
 */
class JdbcAuthorizations implements OAuth2AuthorizationService {

    /** How long a consent step may wait for the member (the state has no expiry of its own). */
    static final Duration PENDING = Duration.ofMinutes(10);

    private static final ObjectInputFilter ONLY_JAVA_AND_SPRING = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=10000;maxbytes=1000000;java.**;javax.**;org.springframework.**;!*");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcAuthorizations.class);

    private final JdbcClient jdbc;

    JdbcAuthorizations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public void save(OAuth2Authorization authorization) {
        Instant now = Instant.now();
        jdbc.sql("delete from identity.oauth2_authorization where expires_at < ?")
                .param(utc(now))
                .update();
        var code = authorization.getToken(OAuth2AuthorizationCode.class);
        var access = authorization.getAccessToken();
        var refresh = authorization.getRefreshToken();
        Instant expires = Stream.of(code, access, refresh)
                .filter(t -> t != null && t.getToken().getExpiresAt() != null)
                .map(t -> t.getToken().getExpiresAt())
                .max(Instant::compareTo)
                .orElse(now.plus(PENDING));
        jdbc.sql("""
                insert into identity.oauth2_authorization (id, client_id, principal_name, state_hash, code_hash,
                    access_hash, refresh_hash, expires_at, authorization_data)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set state_hash = excluded.state_hash, code_hash = excluded.code_hash,
                    access_hash = excluded.access_hash, refresh_hash = excluded.refresh_hash,
                    expires_at = excluded.expires_at, authorization_data = excluded.authorization_data""")
                .params(
                        authorization.getId(),
                        authorization.getRegisteredClientId(),
                        authorization.getPrincipalName(),
                        hash(authorization.getAttribute(OAuth2ParameterNames.STATE)),
                        hash(value(code)),
                        hash(value(access)),
                        hash(value(refresh)),
                        utc(expires),
                        serialize(authorization))
                .update();
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.sql("delete from identity.oauth2_authorization where id = ?")
                .param(authorization.getId())
                .update();
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return jdbc.sql(
                        "select authorization_data from identity.oauth2_authorization where id = ? and expires_at > now()")
                .param(id)
                .query(byte[].class)
                .optional()
                .map(JdbcAuthorizations::deserialize)
                .orElse(null);
    }

    private static final Map<String, String> COLUMNS = Map.of(
            OAuth2ParameterNames.STATE,
            "state_hash",
            OAuth2ParameterNames.CODE,
            "code_hash",
            OAuth2TokenType.ACCESS_TOKEN.getValue(),
            "access_hash",
            OAuth2TokenType.REFRESH_TOKEN.getValue(),
            "refresh_hash");

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType type) {
        if (token == null) {
            return null;
        }
        String hash = hash(token);
        String where;
        if (type == null) {
            where = "? in (state_hash, code_hash, access_hash, refresh_hash)";
        } else if (COLUMNS.containsKey(type.getValue())) {
            where = COLUMNS.get(type.getValue()) + " = ?";
        } else {
            return null;
        }
        return jdbc.sql("select authorization_data from identity.oauth2_authorization where " + where
                        + " and expires_at > now()")
                .param(hash)
                .query(byte[].class)
                .optional()
                .map(JdbcAuthorizations::deserialize)
                .orElse(null);
    }

    private static String value(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : token.getToken().getTokenValue();
    }

    static String hash(String token) {
        if (token == null) {
            return null;
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(OAuth2Authorization authorization) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new IllegalStateException("authorization " + authorization.getId() + " cannot be stored", e);
        }
        return bytes.toByteArray();
    }

    private static OAuth2Authorization deserialize(byte[] data) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ONLY_JAVA_AND_SPRING);
            return (OAuth2Authorization) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            // written by another release, or not ours: the flow starts again (invalid_grant), nothing else breaks
            LOG.warn(
                    "a stored OAuth authorization could not be read back ({}); its flow must start again",
                    e.toString());
            return null;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
