package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.commonweal.identity.ApiScope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * SMART discovery (SMART App Launch 2.x, section "SMART configuration"): what a backend-services client and a
 * member app (standalone launch, public client with PKCE) need.
 */
@RestController
@ConditionalOnWebApplication
class SmartConfigurationController {

    private final AuthorizationServerSettings settings;

    SmartConfigurationController(AuthorizationServerSettings settings) {
        this.settings = settings;
    }

    @GetMapping(value = "/.well-known/smart-configuration", produces = "application/json")
    Map<String, Object> smartConfiguration(HttpServletRequest request) {
        String issuer = settings.getIssuer() != null
                ? settings.getIssuer()
                : ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        var body = new LinkedHashMap<String, Object>();
        body.put("issuer", issuer);
        body.put("jwks_uri", issuer + settings.getJwkSetEndpoint());
        body.put("authorization_endpoint", issuer + settings.getAuthorizationEndpoint());
        body.put("token_endpoint", issuer + settings.getTokenEndpoint());
        body.put("grant_types_supported", List.of("authorization_code", "client_credentials", "refresh_token"));
        body.put("response_types_supported", List.of("code"));
        body.put("code_challenge_methods_supported", List.of("S256"));
        body.put(
                "token_endpoint_auth_methods_supported",
                List.of("private_key_jwt", "client_secret_basic", "client_secret_post", "none"));
        body.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        body.put(
                "scopes_supported",
                Stream.concat(Arrays.stream(ApiScope.values()).map(ApiScope::value), MemberApps.SCOPES.stream())
                        .toList());
        body.put(
                "capabilities",
                List.of(
                        "launch-standalone",
                        "client-public",
                        "client-confidential-asymmetric",
                        "context-standalone-patient",
                        "sso-openid-connect",
                        "permission-v2",
                        "permission-offline"));
        return body;
    }
}
