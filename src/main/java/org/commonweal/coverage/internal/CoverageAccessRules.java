package org.commonweal.coverage.internal;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.ApiAccessRules;
import org.commonweal.identity.ApiScope;
import org.commonweal.identity.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

@Configuration(proxyBeanMethods = false)
class CoverageAccessRules {

    @Bean
    AccessRules coverageBrowserRules() {
        return new AccessRules() {
            @Override
            public void configure(
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                rules.requestMatchers("/members", "/members/**", "/coverage/imports", "/coverage/imports/**")
                        .hasRole(Role.MEMBER_SERVICES.name());
                rules.requestMatchers("/my/coverage", "/my/coverage/**").hasRole(Role.MEMBER.name());
                rules.requestMatchers("/admin/coverage/**").hasRole(Role.ADMIN.name());
            }
        };
    }

    @Bean
    ApiAccessRules coverageApiRules() {
        return new ApiAccessRules() {
            @Override
            public void configure(
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                // issue #17: each API route needs its scope (the FHIR resources are checked per interaction by
                // the FHIR server's SmartScopeInterceptor)
                rules.requestMatchers("/api/v1/eligibility").hasAuthority(ApiScope.ELIGIBILITY_READ.authority());
                rules.requestMatchers("/x12/270").hasAuthority(ApiScope.X12_270.authority());
            }
        };
    }
}
