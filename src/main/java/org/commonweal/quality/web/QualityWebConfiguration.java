package org.commonweal.quality.web;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

@Configuration(proxyBeanMethods = false)
class QualityWebConfiguration {

    @Bean
    AccessRules qualityBrowserRules() {
        return new AccessRules() {
            @Override
            public void configure(
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                // claim and supplemental data in: administrators (the 837 and lab/immunization uploads, job pages,
                // 999s)
                rules.requestMatchers(
                                "/quality/claims",
                                "/quality/claims/**",
                                "/quality/supplemental",
                                "/quality/supplemental/**")
                        .hasRole(Role.ADMIN.name());
                rules.requestMatchers("/quality", "/quality/**").hasAnyRole(Role.ADMIN.name(), Role.ANALYST.name());
            }
        };
    }

    @Bean
    NavigationItem qualityNavigation() {
        return NavigationItem.forRoles(
                "nav.quality", "nav.quality.description", "/quality", 750, Role.ADMIN.name(), Role.ANALYST.name());
    }
}
