package org.commonweal.centers.web;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/** Staff pages and the kiosk for center staff, reports for staff and analysts, everything else under /centers public. */
@Configuration(proxyBeanMethods = false)
class CentersAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/centers/staff", "/centers/staff/**", "/centers/kiosk/**")
                .hasRole(Role.CENTER_STAFF.name());
        rules.requestMatchers("/centers/reports", "/centers/reports/**", "/centers/reports.csv")
                .hasAnyRole(Role.CENTER_STAFF.name(), Role.ANALYST.name());
        rules.requestMatchers("/centers", "/centers/**").permitAll();
    }

    @Bean
    static NavigationItem centersNavigation() {
        return NavigationItem.forEveryone("nav.centers", "nav.centers.description", "/centers", 300);
    }

    @Bean
    static NavigationItem centersStaffNavigation() {
        return NavigationItem.forRoles(
                "nav.centers.staff", "nav.centers.staff.description", "/centers/staff", 310, Role.CENTER_STAFF.name());
    }

    @Bean
    static NavigationItem centersReportsNavigation() {
        return NavigationItem.forRoles(
                "nav.centers.reports",
                "nav.centers.reports.description",
                "/centers/reports",
                320,
                Role.CENTER_STAFF.name(),
                Role.ANALYST.name());
    }
}
