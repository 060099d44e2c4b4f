package org.commonweal.engagement.web;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Committee public pages (and published documents) are open to everyone; the reports are open to analysts too (with
 * counts 1–10 suppressed); everything else under /engagement is for engagement staff. Health
 * Promoters sign in as ENGAGEMENT_STAFF (there is no separate promoter role); a promoter's login is linked to their
 * roster row by username, which the field page uses.
 */
@Component
class EngagementAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/committees", "/committees/**").permitAll();
        rules.requestMatchers(HttpMethod.GET, "/engagement/reports", "/engagement/outreach", "/engagement/outreach.csv")
                .hasAnyRole(AccessRules.roles(Role.ENGAGEMENT_STAFF, Role.ADMIN, Role.ANALYST));
        rules.requestMatchers("/engagement", "/engagement/**")
                .hasAnyRole(AccessRules.roles(Role.ENGAGEMENT_STAFF, Role.ADMIN));
    }
}
