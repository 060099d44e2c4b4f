package org.commonweal.grants.internal;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.ApiAccessRules;
import org.commonweal.identity.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Public opportunities, portfolio and registration; grantee, reviewer and staff areas; the public JSON feed. */
@Component
class GrantsAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/grants/opportunities", "/grants/portfolio")
                .permitAll()
                .requestMatchers("/grants/register")
                .permitAll()
                .requestMatchers("/grants/my", "/grants/my/**")
                .hasRole(Role.GRANTEE.name())
                .requestMatchers("/grants/reviews", "/grants/reviews/**")
                .hasRole(Role.GRANT_REVIEWER.name())
                .requestMatchers("/grants/staff/portfolio.csv", "/grants/staff/portfolio.xlsx")
                .hasAnyRole(Role.GRANTS_OFFICER.name(), Role.ANALYST.name())
                .requestMatchers("/grants/staff", "/grants/staff/**")
                .hasRole(Role.GRANTS_OFFICER.name());
    }
}

@Component
class GrantsApiAccessRules implements ApiAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/api/grants/opportunities", "/api/grants/opportunities/*")
                .permitAll()
                .requestMatchers(HttpMethod.POST, "/api/grants/opportunities/search")
                .permitAll();
    }
}

@Configuration(proxyBeanMethods = false)
class GrantsNavigation {

    @Bean
    org.commonweal.shell.NavigationItem grantsOpportunitiesNavigation() {
        return org.commonweal.shell.NavigationItem.forEveryone(
                "nav.grants.opportunities", "nav.grants.opportunities.description", "/grants/opportunities", 600);
    }

    @Bean
    org.commonweal.shell.NavigationItem grantsStaffNavigation() {
        return org.commonweal.shell.NavigationItem.forRoles(
                "nav.grants.staff", "nav.grants.staff.description", "/grants/staff", 601, Role.GRANTS_OFFICER.name());
    }

    @Bean
    org.commonweal.shell.NavigationItem grantsGranteeNavigation() {
        return org.commonweal.shell.NavigationItem.forRoles(
                "nav.grants.my", "nav.grants.my.description", "/grants/my", 602, Role.GRANTEE.name());
    }

    @Bean
    org.commonweal.shell.NavigationItem grantsReviewerNavigation() {
        return org.commonweal.shell.NavigationItem.forRoles(
                "nav.grants.reviews",
                "nav.grants.reviews.description",
                "/grants/reviews",
                603,
                Role.GRANT_REVIEWER.name());
    }
}

/** The opportunities API's own OpenAPI document, public like the API (issue #17: {@code /v3/api-docs/public-*}). */
@Configuration(proxyBeanMethods = false)
class GrantsOpenApi {

    @Bean
    org.springdoc.core.models.GroupedOpenApi grantsOpportunitiesOpenApi() {
        return org.springdoc.core.models.GroupedOpenApi.builder()
                .group("public-grant-opportunities")
                .pathsToMatch("/api/grants/opportunities", "/api/grants/opportunities/*")
                .build();
    }
}
