package org.commonweal.identity.internal;

import java.util.Comparator;
import org.commonweal.identity.AccessRules;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.authorization.EnableMultiFactorAuthentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The browser-facing security: form login, CSRF on every form, secure headers, and the modules' access rules.
 * Machine APIs (FHIR, X12, REST with bearer tokens) declare their own filter chains with a lower order number.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
// issue #17: a passkey after the password adds its factor to the same sign-in (Spring Security 7's multi-factor
// support on the authentication filters); which logins need it is PasskeyGate's rule, not a global one
@EnableMultiFactorAuthentication(authorities = {})
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /**
     * The policy with the map tile server's origin allowed for images (#22: Find a Doctor's map); an empty or local
     * tile URL adds nothing.
     */
    static String withMapTiles(String tileUrl) {
        var origin = java.util.regex.Pattern.compile("^(https?://[^/{}]+)").matcher(tileUrl == null ? "" : tileUrl);
        return origin.find()
                ? CONTENT_SECURITY_POLICY.replace("img-src 'self' data:", "img-src 'self' data: " + origin.group(1))
                : CONTENT_SECURITY_POLICY;
    }

    /**
     * No observations of Spring Security's filters, authentications and authorizations: wrapping each of the dozen
     * filters of every request cost a few percent of the CPU of an eligibility answer (JFR), and the HTTP server
     * metrics already time each request. (The property {@code management.observations.enable.spring.security=false}
     * only turned the observations into no-ops; the wrapping stayed.)
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(100)
    SecurityFilterChain webSecurity(
            HttpSecurity http,
            ObjectProvider<AccessRules> moduleRules,
            LoginAttempts loginAttempts,
            RateLimits rateLimits,
            RequestBodyLimits bodyLimits,
            PasskeyGate passkeyGate,
            HandlerMappingIntrospector introspector,
            @org.springframework.beans.factory.annotation.Value(
                            "${commonweal.map.tile-url:" + "https://tile.openstreetmap.org/{z}/{x}/{y}.png}")
                    String tileUrl)
            throws Exception {
        // issue #17: one answer for every failed sign-in (a locked or disabled login must not look different from a
        // wrong password), and throttling per login name + address instead of locking the account (LoginAttempts)
        var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        http.authorizeHttpRequests(rules -> {
            rules.requestMatchers(
                            "/",
                            "/login",
                            "/error",
                            "/webjars/**",
                            "/css/**",
                            "/js/**",
                            "/img/**",
                            "/favicon.ico",
                            "/actuator/health",
                            "/actuator/health/**")
                    .permitAll();
            moduleRules
                    .orderedStream()
                    .sorted(Comparator.comparingInt(AccessRules::order))
                    .forEach(module -> module.configure(rules));
            // #18: an address nothing answers is a 404 page for everyone, not a redirect to the sign-in page
            rules.requestMatchers(new UnmappedRequests(introspector)).permitAll();
            rules.anyRequest().authenticated();
        });
        // the token lives in a cookie, so anonymous visitors of public pages get no server-side session
        http.csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()));
        http.formLogin(form -> form.loginPage("/login").failureHandler(failure).defaultSuccessUrl("/", false));
        http.addFilterBefore(loginAttempts.filter(), UsernamePasswordAuthenticationFilter.class);
        // issue #17: passkeys (WebAuthn) as the second factor of staff logins, stored in PostgreSQL (JdbcPasskeys,
        // PasskeyRelyingParty); our own pages (PasskeysController), not Spring Security's generated ones
        http.webAuthn(webauthn -> webauthn.disableDefaultRegistrationPage(true));
        http.addFilterBefore(passkeyGate.filter(), UsernamePasswordAuthenticationFilter.class);
        // issue #17: rate limits and body limits before the CSRF check, which would read (and spool) the body
        http.addFilterBefore(rateLimits.browserFilter(), CsrfFilter.class);
        http.addFilterBefore(bodyLimits.browserFilter(), CsrfFilter.class);
        http.logout(logout -> logout.logoutSuccessUrl("/?signedOut"));
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(withMapTiles(tileUrl)))
                .referrerPolicy(
                        r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                .frameOptions(frame -> frame.deny())
                .permissionsPolicyHeader(p -> p.policy("camera=(self), geolocation=(self), microphone=()")));
        return http.build();
    }
}
