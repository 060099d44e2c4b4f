package org.commonweal.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's machine-API routes ({@code /api/**}, {@code /x12/**}, {@code /fhir/**}, {@code /hsds/**}) on the
 * stateless API filter chain: no session, no CSRF, access tokens (JWT) of registered {@link ApiClients}. Protect a
 * route with its scope, {@code hasAuthority(ApiScope.X.authority())} (the scope × endpoint table of
 * docs/security.md is generated from {@link ApiScope}); public APIs {@code permitAll()}. Routes not declared by any
 * module need an authenticated API client.
 */
public interface ApiAccessRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

    default int order() {
        return 0;
    }

    /** The authority role name of an authenticated API client: use {@code hasRole(ApiAccessRules.API_CLIENT)}. */
    String API_CLIENT = "API_CLIENT";
}
