package org.commonweal.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import org.commonweal.identity.Role;
import org.commonweal.identity.UserAccount;
import org.commonweal.identity.UserAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The OAuth 2.0 authorization server (Spring Authorization Server) inside the application: {@code /oauth2/token}
 * (client credentials for machine clients; authorization code with PKCE for member apps, SMART App Launch),
 * {@code /oauth2/authorize} (signed-in members, consent page {@link MemberAppsController}), {@code /oauth2/jwks}, and the discovery documents {@code /.well-known/openid-configuration}
 * and {@code /.well-known/oauth-authorization-server}. Its own stateless filter chain, ordered before the API chain
 * (50) and the browser chain (100); the SMART discovery document is {@link SmartConfigurationController}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AuthorizationServerConfiguration {

    @Bean
    @Order(40)
    SecurityFilterChain authorizationServerSecurity(
            HttpSecurity http,
            ApiClientRegistry registry,
            RateLimits rateLimits,
            MemberApps apps,
            OAuth2AuthorizationService authorizations,
            SigningKeys keys,
            OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer)
            throws Exception {
        var server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher());
        // SMART App Launch: the token response names the member (patient) beside the token, as SMART requires
        var tokenResponse = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        tokenResponse.setAccessTokenResponseCustomizer(context -> {
            OAuth2AccessTokenAuthenticationToken issued = context.getAuthentication();
            var token = issued.getAccessToken();
            var authorization = authorizations.findByToken(token.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            Object patient = authorization == null
                    ? null
                    : authorization.getAccessToken().getClaims() == null
                            ? null
                            : authorization.getAccessToken().getClaims().get(MemberApps.PATIENT_CLAIM);
            if (patient != null) {
                var parameters = new LinkedHashMap<String, Object>(issued.getAdditionalParameters());
                parameters.put(MemberApps.PATIENT_CLAIM, patient);
                context.getAccessTokenResponse().additionalParameters(parameters);
            }
        });
        // the default generators, plus refresh tokens for member apps granted offline_access (MemberAppRefreshTokens)
        var jwts = new JwtGenerator(new NimbusJwtEncoder(keys));
        jwts.setJwtCustomizer(accessTokenCustomizer);
        var tokens = new DelegatingOAuth2TokenGenerator(
                jwts, new OAuth2AccessTokenGenerator(), MemberAppRefreshTokens.generator());
        http.with(
                server,
                as -> as.registeredClientRepository(registry)
                        .tokenGenerator(tokens)
                        .authorizationConsentService(apps)
                        .authorizationEndpoint(endpoint -> endpoint.consentPage(MemberAppsController.CONSENT_PAGE))
                        .tokenEndpoint(endpoint -> endpoint.accessTokenResponseHandler(tokenResponse))
                        .oidc(Customizer.withDefaults())
                        .clientAuthentication(clients -> clients.authenticationConverters(converters -> {
                                    converters.addFirst(new SmartClientAssertionConverter());
                                    converters.addFirst(MemberAppRefreshTokens.converter());
                                })
                                .authenticationProviders(providers -> {
                                    providers.addFirst(MemberAppRefreshTokens.provider(registry));
                                    providers.forEach(p -> {
                                        if (p instanceof ClientSecretAuthenticationProvider secrets) {
                                            secrets.setPasswordEncoder(new Sha256SecretEncoder());
                                        } else if (p instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                            assertions.setJwtDecoderFactory(registry.assertionDecoders());
                                        }
                                    });
                                })));
        // the authorization endpoint is for signed-in members (their browser session, from the sign-in page);
        // every other endpoint authenticates the client itself and keeps no session
        var authorize = PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize");
        http.authorizeHttpRequests(rules -> rules.requestMatchers(authorize)
                .hasRole(Role.MEMBER.name())
                .anyRequest()
                .authenticated());
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(server.getEndpointsMatcher()));
        var signIn = new HttpSessionRequestCache();
        signIn.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/oauth2/authorize"));
        http.requestCache(cache -> cache.requestCache(signIn));
        http.exceptionHandling(
                e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), authorize));
        http.addFilterAfter(rateLimits.tokenFilter(), SecurityContextHolderFilter.class);
        return http.build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(@Value("${commonweal.security.issuer:}") String issuer) {
        var settings = AuthorizationServerSettings.builder();
        if (!issuer.isBlank()) {
            settings.issuer(issuer);
        }
        return settings.build();
    }

    /**
     * Tokens of machine clients are self-contained JWTs that expire in minutes and are not kept: there is nothing
     * to look up later (no refresh token, no introspection). Member apps' authorizations (consent state, codes,
     * tokens) are kept in PostgreSQL ({@link JdbcAuthorizations}), so every instance can finish a flow.
     */
    @Bean
    OAuth2AuthorizationService authorizationService(JdbcClient jdbc) {
        var others = new JdbcAuthorizations(jdbc);
        return new OAuth2AuthorizationService() {
            @Override
            public void save(OAuth2Authorization authorization) {
                if (!AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())) {
                    others.save(authorization);
                }
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
                others.remove(authorization);
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return others.findById(id);
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return others.findByToken(token, tokenType);
            }
        };
    }

    /** Signs with the active database key (its id in the header) and notes the client's use for the admin screen. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accessTokenCustomizer(
            SigningKeys keys, JdbcApiClients clients, UserAccounts accounts) {
        return context -> {
            context.getJwsHeader().keyId(keys.activeKeyId());
            if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
                clients.noteUse(context.getRegisteredClient().getClientId());
            } else if (context.getRegisteredClient().getClientId().startsWith(MemberApps.CLIENT_ID_PREFIX)) {
                // SMART App Launch: the member's FHIR Patient id (launch context) and the app, checked by the FHIR
                // layer (own records only) and by MemberApps.authorizationStands (not revoked)
                String memberId = accounts.findByUsername(context.getPrincipal().getName())
                        .map(UserAccount::memberId)
                        .orElseThrow(() -> new OAuth2AuthenticationException(
                                new OAuth2Error("invalid_grant", "the signed-in login is not a member", null)));
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims()
                            .claim(MemberApps.PATIENT_CLAIM, memberId)
                            .claim("client_id", context.getRegisteredClient().getClientId());
                } else if (OidcParameterNames.ID_TOKEN.equals(
                        context.getTokenType().getValue())) {
                    context.getClaims().claim("fhirUser", "Patient/" + memberId);
                }
            }
        };
    }

    /**
     * Validates access tokens on the API chain against the database keys held in memory ({@link SigningKeys}): no
     * HTTP call and no database query per request, and the signature of a token verified once ({@link VerifiedTokens}).
     * Checks signature (RS256), expiry, the issuer when one is configured, and that the client is not disabled.
     */
    @Bean
    JwtDecoder accessTokenDecoder(
            SigningKeys keys,
            DisabledClients disabled,
            MemberApps apps,
            @Value("${commonweal.security.issuer:}") String issuer) {
        var processor = new DefaultJWTProcessor<SecurityContext>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, (selector, context) -> {
            var kids = selector.getMatcher().getKeyIDs();
            if (kids == null || kids.size() != 1) {
                return List.of();
            }
            JWK key = keys.publicKey(kids.iterator().next());
            return key == null ? List.<JWK>of() : List.of(key);
        }));
        var decoder = new NimbusJwtDecoder(processor);
        OAuth2TokenValidator<Jwt> validator = issuer.isBlank()
                ? new DelegatingOAuth2TokenValidator<>(
                        new JwtTimestampValidator(), disabled, apps.authorizationStands())
                : new DelegatingOAuth2TokenValidator<>(
                        new JwtTimestampValidator(),
                        new JwtIssuerValidator(issuer),
                        disabled,
                        apps.authorizationStands());
        decoder.setJwtValidator(validator);
        return new VerifiedTokens(
                decoder,
                new DelegatingOAuth2TokenValidator<>(
                        new JwtTimestampValidator(), disabled, apps.authorizationStands()));
    }
}
