package org.commonweal.engagement.web;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Committee public pages are open to everyone; everything under /engagement is for engagement staff. Health
 * Promoters sign in as ENGAGEMENT_STAFF (there is no separate promoter role); a promoter's login is linked to their
 * roster row by username, which the field page uses.
 */
@Component
class EngagementAccessRules implements AccessRules {

    @Override
    public void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/committees", "/committees/**").permitAll();
        rules.requestMatchers("/engagement", "/engagement/**")
                .hasAnyRole(AccessRules.roles(Role.ENGAGEMENT_STAFF, Role.ADMIN));
    }
}
