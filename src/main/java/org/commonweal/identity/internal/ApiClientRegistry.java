package org.commonweal.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

/**
 * The authorization server's view of {@code identity.api_client}: one {@link RegisteredClient} per active client,
 * read from the database at each token request (a few per client per hour, never per API call). Clients with a key
 * authenticate with {@code private_key_jwt} (SMART Backend Services: RS384 or ES384, keys from their JWKS URL or the
 * uploaded JWK); the others with their secret ({@code client_secret_basic} or {@code client_secret_post}). Member
 * apps (client ids {@code app-…}, SMART App Launch) are public clients of {@link MemberApps}.
 */
@Component
class ApiClientRegistry implements RegisteredClientRepository {

    /** Access tokens live this long; a disabled client's tokens are refused sooner ({@link DisabledClients}). */
    static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private static final Set<JWSAlgorithm> ASSERTION_ALGORITHMS = Set.of(JWSAlgorithm.RS384, JWSAlgorithm.ES384);

    private final JdbcApiClients clients;
    private final MemberApps apps;
    /** Client assertion decoders by client id and key; a JWKS URL's keys are cached by Nimbus (5 minutes). */
    private final Map<String, JwtDecoder> assertionDecoders = new ConcurrentHashMap<>();

    private final SingleUseAssertions singleUse;

    ApiClientRegistry(JdbcApiClients clients, MemberApps apps, SingleUseAssertions singleUse) {
        this.clients = clients;
        this.apps = apps;
        this.singleUse = singleUse;
    }

    /**
     * Deliberately refused: clients live in {@code identity.api_client} and {@code identity.member_app}, written by
     * the admin pages and {@code create-api-client}; Spring Authorization Server calls this only for dynamic client
     * registration, which is not enabled.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException(
                "API clients are registered on /admin/api-clients or by create-api-client");
    }

    @Override
    public RegisteredClient findById(String id) {
        if (id != null && id.startsWith(MemberApps.CLIENT_ID_PREFIX)) {
            return apps.registered(id);
        }
        return clients.list().stream()
                .filter(c -> String.valueOf(c.id()).equals(id))
                .findFirst()
                .flatMap(c -> clients.credentials(c.clientId()))
                .map(ApiClientRegistry::registered)
                .orElse(null);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (clientId == null || clientId.length() > 100) {
            return null;
        }
        if (clientId.startsWith(MemberApps.CLIENT_ID_PREFIX)) {
            return apps.registered(clientId);
        }
        return clients.credentials(clientId)
                .filter(c -> !c.client().legacyBearer())
                .map(ApiClientRegistry::registered)
                .orElse(null);
    }

    private static RegisteredClient registered(JdbcApiClients.Credentials credentials) {
        var client = credentials.client();
        var builder = RegisteredClient.withId(String.valueOf(client.id()))
                .clientId(client.clientId())
                .clientName(client.clientName())
                .clientIdIssuedAt(client.issuedAt())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(ACCESS_TOKEN_LIFETIME)
                        .build());
        if (client.usesSecret()) {
            builder.clientSecret(credentials.secretSha256())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            var settings =
                    ClientSettings.builder().tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
            settings.setting(PUBLIC_JWK, credentials.publicJwk() == null ? "" : credentials.publicJwk());
            if (client.jwksUrl() != null) {
                settings.jwkSetUrl(client.jwksUrl());
            }
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                    .clientSettings(settings.build());
        }
        return builder.build();
    }

    private static final String PUBLIC_JWK = "commonweal.client.public-jwk";

    /**
     * Decoders of the clients' signed assertions: their keys (JWKS URL or uploaded JWK), RS384 or ES384, and the
     * checks of RFC 7523 that Spring Authorization Server makes (issuer and subject = client id, audience = this
     * server, expiry, id).
     */
    JwtDecoderFactory<RegisteredClient> assertionDecoders() {
        return client -> {
            String jwksUrl = client.getClientSettings().getJwkSetUrl();
            String jwk = client.getClientSettings().getSetting(PUBLIC_JWK);
            return assertionDecoders.computeIfAbsent(client.getClientId() + "|" + jwksUrl + "|" + jwk, key -> {
                var processor = new DefaultJWTProcessor<SecurityContext>();
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASSERTION_ALGORITHMS, keys(jwksUrl, jwk)));
                var decoder = new NimbusJwtDecoder(processor);
                // issue #17: and each assertion once (jti), on every instance
                decoder.setJwtValidator(
                        singleUse.after(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client)));
                return decoder;
            });
        };
    }

    private static JWKSource<SecurityContext> keys(String jwksUrl, String jwk) {
        try {
            if (jwksUrl != null) {
                return JWKSourceBuilder.create(URI.create(jwksUrl).toURL())
                        .retrying(false)
                        .build();
            }
            return new ImmutableJWKSet<>(new JWKSet(com.nimbusds.jose.jwk.JWK.parse(jwk)));
        } catch (MalformedURLException | ParseException e) {
            throw new IllegalStateException("the client's key cannot be read", e);
        }
    }
}
