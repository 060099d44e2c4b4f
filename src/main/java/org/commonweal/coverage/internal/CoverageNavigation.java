package org.commonweal.coverage.internal;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CoverageNavigation {

    @Bean
    NavigationItem coverageMembersNavigation() {
        return NavigationItem.forRoles(
                "nav.coverage.members",
                "nav.coverage.members.description",
                "/members",
                100,
                Role.MEMBER_SERVICES.name());
    }

    @Bean
    NavigationItem coverageImportsNavigation() {
        return NavigationItem.forRoles(
                "nav.coverage.imports",
                "nav.coverage.imports.description",
                "/coverage/imports",
                110,
                Role.MEMBER_SERVICES.name());
    }

    @Bean
    NavigationItem coverageConfigurationNavigation() {
        return NavigationItem.forRoles(
                "nav.coverage.config",
                "nav.coverage.config.description",
                "/admin/coverage/configuration",
                910,
                Role.ADMIN.name());
    }

    @Bean
    NavigationItem coverageSelfServiceNavigation() {
        return NavigationItem.forRoles(
                "nav.coverage.my", "nav.coverage.my.description", "/my/coverage", 100, Role.MEMBER.name());
    }
}
