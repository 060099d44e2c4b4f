package org.commonweal.engagement.web;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngagementNavigation {

    @Bean
    NavigationItem committeesNavigationItem() {
        return NavigationItem.forEveryone("nav.committees", "nav.committees.description", "/committees", 60);
    }

    @Bean
    NavigationItem engagementNavigationItem() {
        return NavigationItem.forRoles(
                "nav.engagement",
                "nav.engagement.description",
                "/engagement",
                560,
                Role.ENGAGEMENT_STAFF.name(),
                Role.ADMIN.name());
    }

    @Bean
    NavigationItem fieldNavigationItem() {
        return NavigationItem.forRoles(
                "nav.engagement.field",
                "nav.engagement.field.description",
                "/engagement/field",
                561,
                Role.ENGAGEMENT_STAFF.name());
    }

    @Bean
    NavigationItem engagementReportsNavigationItem() {
        return NavigationItem.forRoles(
                "nav.engagement.reports",
                "nav.engagement.reports.description",
                "/engagement/reports",
                562,
                Role.ANALYST.name());
    }
}
