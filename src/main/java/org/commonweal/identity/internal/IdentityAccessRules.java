package org.commonweal.identity.internal;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

@Component
class IdentityAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/admin/users", "/admin/users/**", "/admin/api-clients", "/admin/api-clients/**")
                .hasRole(Role.ADMIN.name());
        rules.requestMatchers("/account").authenticated();
        // issue #17: passkeys, for the logins that must use them (PasskeyGate)
        rules.requestMatchers(PasskeyGate.ENROL_PAGE, PasskeyGate.ENROL_PAGE + "/**", PasskeyGate.STEP_PAGE)
                .hasAnyRole(PasskeyGate.REQUIRED.stream().map(Role::name).toArray(String[]::new));
        // issue #17: member-authorized apps (SMART App Launch): registration, consent, the member's list
        rules.requestMatchers("/admin/member-apps", "/admin/member-apps/**").hasRole(Role.ADMIN.name());
        rules.requestMatchers(MemberAppsController.CONSENT_PAGE, "/account/apps", "/account/apps/**")
                .hasRole(Role.MEMBER.name());
        // issue #17: SMART discovery (the OAuth endpoints have their own chain, AuthorizationServerConfiguration)
        rules.requestMatchers(HttpMethod.GET, "/.well-known/smart-configuration")
                .permitAll();
        // issue #17: the public APIs' own OpenAPI documents (groups named public-…) for everyone; the full API
        // documentation, Swagger UI and the actuator (beyond health) for administrators only
        rules.requestMatchers(HttpMethod.GET, "/v3/api-docs/public-*").permitAll();
        rules.requestMatchers(
                        "/v3/api-docs",
                        "/v3/api-docs/**",
                        "/v3/api-docs.yaml",
                        "/swagger-ui.html",
                        "/swagger-ui/**",
                        "/actuator",
                        "/actuator/**")
                .hasRole(Role.ADMIN.name());
    }
}
