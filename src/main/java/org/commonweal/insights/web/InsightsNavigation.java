package org.commonweal.insights.web;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InsightsNavigation {

    @Bean
    NavigationItem insightsNavigation() {
        return NavigationItem.forRoles(
                "nav.insights", "nav.insights.description", "/insights", 800, Role.ANALYST.name(), Role.ADMIN.name());
    }

    @Bean
    NavigationItem insightsBriefsNavigation() {
        return NavigationItem.forRoles(
                "nav.insights.briefs",
                "nav.insights.briefs.description",
                "/insights/briefs",
                810,
                Role.ENGAGEMENT_STAFF.name());
    }
}
