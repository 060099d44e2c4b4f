package org.commonweal.network.web;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** Find a Doctor is public; the directory's back office is for network managers. */
@Component
class NetworkAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/find-a-doctor", "/find-a-doctor/**").permitAll();
        rules.requestMatchers("/network", "/network/**").hasRole(Role.NETWORK_MANAGER.name());
    }

    @Bean
    static NavigationItem networkManagerNavigation() {
        return NavigationItem.forRoles(
                "nav.network", "nav.network.description", "/network", 300, Role.NETWORK_MANAGER.name());
    }
}
