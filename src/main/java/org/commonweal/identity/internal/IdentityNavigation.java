package org.commonweal.identity.internal;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdentityNavigation {

    @Bean
    NavigationItem usersNavigation() {
        return NavigationItem.forRoles("nav.users", "nav.users.description", "/admin/users", 900, Role.ADMIN.name());
    }

    @Bean
    NavigationItem apiClientsNavigation() {
        return NavigationItem.forRoles(
                "nav.apiclients", "nav.apiclients.description", "/admin/api-clients", 905, Role.ADMIN.name());
    }

    @Bean
    NavigationItem memberAppsNavigation() {
        return NavigationItem.forRoles(
                "nav.memberapps", "nav.memberapps.description", "/admin/member-apps", 906, Role.ADMIN.name());
    }

    @Bean
    NavigationItem authorizedAppsNavigation() {
        return NavigationItem.forRoles(
                "nav.accountapps", "nav.accountapps.description", "/account/apps", 910, Role.MEMBER.name());
    }
}
