package org.commonweal.identity.internal;

import java.util.Comparator;
import java.util.List;

import org.commonweal.identity.ApiAccessRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The machine APIs: stateless, no CSRF (no cookies are honoured), bearer tokens of registered clients, 401 with a
 * {@code WWW-Authenticate} challenge. Public APIs (the provider directory, community resources) are opened by the
 * owning module's {@link ApiAccessRules}. Any origin may read them (CORS, without credentials).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

    static final String[] API_PATHS = {"/api/**", "/x12/**", "/fhir/**", "/fhir", "/hsds/**", "/hsds"};

    @Bean
    @Order(50)
    SecurityFilterChain apiSecurity(HttpSecurity http, ObjectProvider<ApiAccessRules> moduleRules,
            JdbcApiClients clients) throws Exception {
        http.securityMatcher(API_PATHS);
        http.authorizeHttpRequests(rules -> {
            moduleRules.orderedStream().sorted(Comparator.comparingInt(ApiAccessRules::order))
                    .forEach(module -> module.configure(rules));
            rules.anyRequest().authenticated();
        });
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf(csrf -> csrf.disable());
        http.requestCache(cache -> cache.disable());
        http.logout(logout -> logout.disable()); // nothing to sign out of; one filter less on every API call
        http.securityContext(context -> context.requireExplicitSave(true));
        http.addFilterBefore(new BearerTokenFilter(clients), AuthorizationFilter.class);
        http.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> {
            Object invalid = request.getAttribute(BearerTokenFilter.class.getName());
            response.setHeader("WWW-Authenticate", invalid == null ? "Bearer realm=\"commonweal\""
                    : "Bearer realm=\"commonweal\", error=\"invalid_token\"");
            response.sendError(HttpStatus.UNAUTHORIZED.value());
        }));
        http.cors(cors -> cors.configurationSource(publicReads()));
        http.headers(headers -> headers.frameOptions(frame -> frame.deny()));
        return http.build();
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
