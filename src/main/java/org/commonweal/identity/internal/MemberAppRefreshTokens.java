package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.commonweal.identity.MemberAppScope;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.OAuth2RefreshTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Refresh tokens for member apps (SMART App Launch {@code offline_access}). Member apps are public clients (no secret),
 * to which Spring Authorization Server gives no refresh token and whose refresh requests it cannot authenticate;
 * these three parts add both, for member apps that were granted {@code offline_access} only:
 * <ul>
 * <li>{@link #generator()}: a random 256-bit refresh token beside the access token, living the app's refresh token
 * time (30 days), replaced at each use (the old one is then refused: rotation);</li>
 * <li>{@link #converter()} and {@link #provider(RegisteredClientRepository)}: a refresh request naming a member app's
 * {@code client_id} and nothing else identifies that app, as the code exchange does; the token itself is then
 * checked by Spring Authorization Server (issued to this app, active, scopes within those granted).</li>
 * </ul>
 * Revoking the app (the member, or an administrator disabling it) deletes its authorizations, refresh tokens
 * included ({@link MemberApps#revoke}), and its access tokens stop at once.
 */
final class MemberAppRefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MemberAppRefreshTokens() {}

    static OAuth2TokenGenerator<OAuth2RefreshToken> generator() {
        var others = new OAuth2RefreshTokenGenerator();
        return context -> {
            if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())) {
                return null;
            }
            if (!memberApp(context)) {
                return others.generate(context);
            }
            if (!context.getAuthorizedScopes().contains(MemberAppScope.OFFLINE_ACCESS.value())) {
                return null;
            }
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            Instant now = Instant.now();
            return new OAuth2RefreshToken(
                    Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                    now,
                    now.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
        };
    }

    private static boolean memberApp(OAuth2TokenContext context) {
        return context.getRegisteredClient().getClientId().startsWith(MemberApps.CLIENT_ID_PREFIX);
    }

    /** {@code grant_type=refresh_token&client_id=app-…&refresh_token=…}, without any other client credential. */
    static AuthenticationConverter converter() {
        return request -> {
            if (!AuthorizationGrantType.REFRESH_TOKEN
                            .getValue()
                            .equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
                    || request.getHeader("Authorization") != null
                    || request.getParameter("client_assertion") != null
                    || request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
                return null;
            }
            String[] ids = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
            if (ids == null || ids.length != 1 || !ids[0].startsWith(MemberApps.CLIENT_ID_PREFIX)) {
                return null;
            }
            return new OAuth2ClientAuthenticationToken(
                    ids[0], ClientAuthenticationMethod.NONE, null, parameters(request));
        };
    }

    private static Map<String, Object> parameters(HttpServletRequest request) {
        var parameters = new HashMap<String, Object>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
                parameters.put(name, values.length == 1 ? values[0] : values);
            }
        });
        return parameters;
    }

    /** Authenticates a member app's refresh request: an enabled app that may use refresh tokens. */
    static AuthenticationProvider provider(RegisteredClientRepository clients) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                var request = (OAuth2ClientAuthenticationToken) authentication;
                if (!ClientAuthenticationMethod.NONE.equals(request.getClientAuthenticationMethod())
                        || !AuthorizationGrantType.REFRESH_TOKEN
                                .getValue()
                                .equals(request.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))) {
                    return null;
                }
                var client = clients.findByClientId(request.getPrincipal().toString());
                if (client == null
                        || !client.getClientId().startsWith(MemberApps.CLIENT_ID_PREFIX)
                        || !client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
                        || !client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
                    throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
                }
                return new OAuth2ClientAuthenticationToken(client, ClientAuthenticationMethod.NONE, null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }
}
