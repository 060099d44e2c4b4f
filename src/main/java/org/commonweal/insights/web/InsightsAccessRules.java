package org.commonweal.insights.web;

import static org.commonweal.identity.AccessRules.roles;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Analysts and administrators see everything. Engagement staff, who support the RCACs, may print the region briefs
 * (suppressed aggregates only) for committee meetings.
 */
@Component
class InsightsAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/insights/briefs", "/insights/briefs/**")
                .hasAnyRole(roles(Role.ADMIN, Role.ANALYST, Role.ENGAGEMENT_STAFF))
                .requestMatchers("/insights", "/insights/**")
                .hasAnyRole(roles(Role.ADMIN, Role.ANALYST));
    }
}
