package org.commonweal.identity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.commonweal.identity.ApiAccessRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The machine APIs: stateless, no CSRF (no cookies are honoured), access tokens (JWT) of the authorization server
 * checked against each route's scope ({@link org.commonweal.identity.ApiScope}), 401 with a {@code WWW-Authenticate}
 * challenge, 403 {@code insufficient_scope}. Public APIs (the provider directory, community resources) are opened by the
 * owning module's {@link ApiAccessRules}. Any origin may read them (CORS, without credentials).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

    /** The machine APIs, and (issue #17) the resource server's own metadata (RFC 9728), named in its 401 challenge. */
    static final String[] API_PATHS = {
        "/api/**",
        "/x12/**",
        "/fhir/**",
        "/fhir",
        "/hsds/**",
        "/hsds",
        "/.well-known/oauth-protected-resource",
        "/.well-known/oauth-protected-resource/**"
    };

    @Bean
    @Order(50)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            ObjectProvider<ApiAccessRules> moduleRules,
            JdbcApiClients clients,
            JwtDecoder accessTokenDecoder,
            RateLimits rateLimits,
            RequestBodyLimits bodyLimits)
            throws Exception {
        http.securityMatcher(API_PATHS);
        http.authorizeHttpRequests(rules -> {
            rules.requestMatchers(
                            HttpMethod.GET,
                            "/.well-known/oauth-protected-resource",
                            "/.well-known/oauth-protected-resource/**")
                    .permitAll();
            moduleRules
                    .orderedStream()
                    .sorted(Comparator.comparingInt(ApiAccessRules::order))
                    .forEach(module -> module.configure(rules));
            rules.anyRequest().authenticated();
        });
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        http.logout(logout -> logout.disable()); // nothing to sign out of; one filter less on every API call
        http.securityContext(context -> context.requireExplicitSave(true));
        // issue #17: access tokens of the authorization server (JWT, scopes as SCOPE_ authorities); the old
        // cwk_ bearer tokens go through LegacyBearerTokenFilter instead, with their migrated scopes
        var entryPoint = new BearerTokenAuthenticationEntryPoint();
        entryPoint.setRealmName("commonweal");
        http.oauth2ResourceServer(server -> server.bearerTokenResolver(new HeaderBearerTokens())
                .jwt(jwt ->
                        jwt.decoder(accessTokenDecoder).jwtAuthenticationConverter(ApiSecurityConfiguration::client))
                .authenticationEntryPoint(entryPoint)
                .accessDeniedHandler(new BearerTokenAccessDeniedHandler()));
        http.addFilterBefore(new LegacyBearerTokenFilter(clients), BearerTokenAuthenticationFilter.class);
        // issue #17: per-client (or, for public APIs, per-address) rate limits and the API body limit
        http.addFilterAfter(rateLimits.apiFilter(), BearerTokenAuthenticationFilter.class);
        http.addFilterAfter(bodyLimits.apiFilter(), BearerTokenAuthenticationFilter.class);
        http.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
                    if (request.getAttribute(LegacyBearerTokenFilter.INVALID) != null) {
                        response.setHeader("WWW-Authenticate", "Bearer realm=\"commonweal\", error=\"invalid_token\"");
                        response.sendError(HttpStatus.UNAUTHORIZED.value());
                    } else {
                        entryPoint.commence(request, response, ex);
                    }
                })
                .accessDeniedHandler(new BearerTokenAccessDeniedHandler()));
        http.cors(cors -> cors.configurationSource(publicReads()));
        http.headers(headers -> headers.frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** An API client: its id as the name, its scopes as SCOPE_ authorities, and the API_CLIENT role. */
    private static AbstractAuthenticationToken client(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + ApiAccessRules.API_CLIENT));
        Object scope = jwt.getClaims().get("scope");
        Collection<?> scopes = scope instanceof Collection<?> list
                ? list
                : scope instanceof String text ? List.of(text.split(" ")) : List.of();
        scopes.forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static UrlBasedCorsConfigurationSource publicReads() {
        var config = new CorsConfiguration();
        config.setAllowedOrigins(List.of("*"));
        config.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Accept", "Content-Type", "X-Request-Id"));
        config.setExposedHeaders(List.of("X-Request-Id", "Location", "Content-Location"));
        config.setAllowCredentials(false);
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        return source;
    }
}
