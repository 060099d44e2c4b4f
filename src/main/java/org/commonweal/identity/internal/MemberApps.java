package org.commonweal.identity.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.commonweal.identity.MemberAppAuthorizationChanged;
import org.commonweal.identity.MemberAppAuthorizationChanged.Change;
import org.commonweal.identity.MemberAppScope;
import org.commonweal.identity.UserAccount;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Member-authorized apps (SMART App Launch, standalone launch): public clients that must use PKCE (S256), registered
 * by an administrator with their redirect URIs, and the members' authorizations of them ({@code identity.member_app},
 * {@code identity.member_app_consent}). Also the authorization server's consent store, and the check that an app's
 * access token is still backed by its member's authorization (a revoked authorization stops its tokens at once).
 */
@Component
class MemberApps implements OAuth2AuthorizationConsentService {

    /** What a member app may ask for: the member's own Patient and Coverage, the member as launch context, sign-in. */
    static final List<String> SCOPES = MemberAppScope.all();
    /** Client ids of member apps start with this, so the authorization server tells them from machine clients. */
    static final String CLIENT_ID_PREFIX = "app-";
    /** Access tokens of member apps; each call still checks that the member's authorization stands. */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(15);
    /** Refresh tokens (offline_access only), replaced at each use. */
    static final Duration REFRESH_TOKEN_LIFETIME = Duration.ofDays(30);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final OAuth2Error REVOKED =
            new OAuth2Error("invalid_token", "the member has revoked this app's authorization", null);

    record App(String clientId, String name, List<String> redirectUris, OffsetDateTime createdAt, boolean disabled) {}

    record Authorization(String clientId, String appName, List<String> scopes, OffsetDateTime grantedAt) {

        /** The message keys of the scopes' plain-language descriptions, for the member's page. */
        public List<String> scopeKeys() {
            return scopes.stream()
                    .filter(SCOPES::contains)
                    .map(MemberAppsController::scopeKey)
                    .toList();
        }
    }

    private final JdbcClient jdbc;
    private final JdbcUserAccounts accounts;
    private final ApplicationEventPublisher events;

    MemberApps(JdbcClient jdbc, JdbcUserAccounts accounts, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.events = events;
    }

    /** For the audit trail: a member's authorization of an app given or taken back (issue #17). */
    private void publish(String username, String clientId, Change change, String scopes) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        String memberId =
                accounts.findByUsername(username).map(UserAccount::memberId).orElse(null);
        String appName = find(clientId).map(App::name).orElse(clientId);
        events.publishEvent(new MemberAppAuthorizationChanged(
                username, memberId, clientId, appName, change, scopes, auth == null ? "system" : auth.getName()));
    }

    /**
     * Registers an app; returns its client id.
     *
     * @throws IllegalArgumentException with a message key when the name or a redirect URI is not acceptable
     */
    String register(String name, String redirectUris) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new IllegalArgumentException("memberApps.error.name");
        }
        List<String> uris = redirectUris(redirectUris);
        String clientId = CLIENT_ID_PREFIX + HexFormat.of().formatHex(randomBytes());
        jdbc.sql("insert into identity.member_app (client_id, app_name, redirect_uris) values (?, ?, ?)")
                .params(clientId, trimmed, String.join("\n", uris))
                .update();
        return clientId;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Redirect URIs, one per line: absolute, https (or http to this machine's loopback address, for native and test
     * apps, as RFC 8252 has it), no fragment; at least one, at most ten.
     */
    static List<String> redirectUris(String text) {
        var uris = new LinkedHashSet<String>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            String uri = line.strip();
            if (uri.isEmpty()) {
                continue;
            }
            try {
                var parsed = new URI(uri);
                boolean loopback = "http".equals(parsed.getScheme())
                        && ("127.0.0.1".equals(parsed.getHost())
                                || "localhost".equals(parsed.getHost())
                                || "[::1]".equals(parsed.getHost()));
                if (!parsed.isAbsolute()
                        || parsed.getHost() == null
                        || parsed.getFragment() != null
                        || !("https".equals(parsed.getScheme()) || loopback)
                        || uri.length() > 500) {
                    throw new IllegalArgumentException("memberApps.error.redirectUri");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("memberApps.error.redirectUri", e);
            }
            uris.add(uri);
        }
        if (uris.isEmpty() || uris.size() > 10) {
            throw new IllegalArgumentException("memberApps.error.redirectUris");
        }
        return List.copyOf(uris);
    }

    private static final String APP_COLUMNS = "select client_id, app_name, redirect_uris, created_at, "
            + "disabled_at is not null as disabled from identity.member_app ";

    List<App> list() {
        return jdbc.sql(APP_COLUMNS + "order by created_at")
                .query(MemberApps::app)
                .list();
    }

    Optional<App> find(String clientId) {
        return jdbc.sql(APP_COLUMNS + "where client_id = ?")
                .param(clientId)
                .query(MemberApps::app)
                .optional();
    }

    private static App app(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new App(
                rs.getString(1),
                rs.getString(2),
                List.of(rs.getString(3).split("\n")),
                rs.getObject(4, OffsetDateTime.class),
                rs.getBoolean(5));
    }

    /** Disabling an app removes every member's authorization of it, so its tokens stop working at once. */
    @Transactional
    /** False when no active app has this client id (nothing changed). */
    boolean disable(String clientId) {
        int disabled = jdbc.sql(
                        "update identity.member_app set disabled_at = now() where client_id = ? and disabled_at is null")
                .param(clientId)
                .update();
        jdbc.sql("delete from identity.oauth2_authorization where client_id = ?")
                .param(clientId)
                .update();
        jdbc.sql("delete from identity.member_app_consent where client_id = ? returning username")
                .param(clientId)
                .query(String.class)
                .list()
                .forEach(username -> publish(username, clientId, Change.REVOKED, ""));
        return disabled > 0;
    }

    /** The authorization server's view of an enabled app, or null. */
    RegisteredClient registered(String clientId) {
        return find(clientId)
                .filter(a -> !a.disabled())
                .map(app -> RegisteredClient.withId(app.clientId())
                        .clientId(app.clientId())
                        .clientName(app.name())
                        .clientIdIssuedAt(app.createdAt().toInstant())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                        .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                        .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                        .redirectUris(uris -> uris.addAll(app.redirectUris()))
                        .scopes(scopes -> scopes.addAll(SCOPES))
                        .clientSettings(ClientSettings.builder()
                                .requireProofKey(true)
                                .requireAuthorizationConsent(true)
                                .build())
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                                .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                                .authorizationCodeTimeToLive(Duration.ofMinutes(2))
                                .refreshTokenTimeToLive(REFRESH_TOKEN_LIFETIME)
                                .reuseRefreshTokens(false)
                                .build())
                        .build())
                .orElse(null);
    }

    /** The apps a member has authorized, newest first. */
    List<Authorization> authorizations(String username) {
        return jdbc.sql(
                        "select c.client_id, a.app_name, c.scopes, c.granted_at from identity.member_app_consent c "
                                + "join identity.member_app a on a.client_id = c.client_id where c.username = ? order by c.granted_at desc")
                .param(username)
                .query((rs, n) -> new Authorization(
                        rs.getString(1),
                        rs.getString(2),
                        List.of(rs.getString(3).split(" ")),
                        rs.getObject(4, OffsetDateTime.class)))
                .list();
    }

    /** Revokes a member's authorization of an app; false when there was none. */
    boolean revoke(String username, String clientId) {
        boolean revoked = jdbc.sql("delete from identity.member_app_consent where username = ? and client_id = ?")
                        .params(username, clientId)
                        .update()
                > 0;
        // its codes and refresh tokens die with it (access tokens are refused by authorizationStands)
        jdbc.sql("delete from identity.oauth2_authorization where client_id = ? and principal_name = ?")
                .params(clientId, username)
                .update();
        if (revoked) {
            publish(username, clientId, Change.REVOKED, "");
        }
        return revoked;
    }

    @Override
    public void save(OAuth2AuthorizationConsent consent) {
        String scopes = String.join(" ", new LinkedHashSet<>(consent.getScopes()));
        jdbc.sql("insert into identity.member_app_consent (client_id, username, scopes) values (?, ?, ?) "
                        + "on conflict (client_id, username) do update set scopes = excluded.scopes")
                .params(consent.getRegisteredClientId(), consent.getPrincipalName(), scopes)
                .update();
        publish(consent.getPrincipalName(), consent.getRegisteredClientId(), Change.GRANTED, scopes);
    }

    @Override
    public void remove(OAuth2AuthorizationConsent consent) {
        revoke(consent.getPrincipalName(), consent.getRegisteredClientId());
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return jdbc.sql("select scopes from identity.member_app_consent where client_id = ? and username = ?")
                .params(registeredClientId, principalName)
                .query(String.class)
                .optional()
                .map(scopes -> {
                    var builder = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
                    Arrays.stream(scopes.split(" ")).filter(s -> !s.isEmpty()).forEach(builder::scope);
                    return builder.build();
                })
                .orElse(null);
    }

    /**
     * Access tokens of member apps (they carry a {@code patient} claim) are honoured only while the member's
     * authorization, granted no later than the token was issued, stands: one indexed query per call of a member
     * app (a few per member and minute); machine clients' tokens are not looked up.
     */
    OAuth2TokenValidator<Jwt> authorizationStands() {
        return token -> {
            if (!token.hasClaim(PATIENT_CLAIM)) {
                return OAuth2TokenValidatorResult.success();
            }
            String clientId = token.getClaimAsString("client_id");
            Instant issued = token.getIssuedAt();
            boolean stands = clientId != null
                    && issued != null
                    && jdbc.sql("select count(*) from "
                                            + "identity.member_app_consent where client_id = ? and username = ? "
                                            + "and date_trunc('second', granted_at) <= ?")
                                    .params(
                                            clientId,
                                            token.getSubject(),
                                            OffsetDateTime.ofInstant(issued, ZoneOffset.UTC))
                                    .query(Integer.class)
                                    .single()
                            > 0;
            return stands ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(REVOKED);
        };
    }

    /** The SMART launch context claim of a member app's access token: the member's FHIR Patient id. */
    static final String PATIENT_CLAIM = "patient";
}
