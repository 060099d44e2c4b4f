package org.commonweal.audit.internal;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditNavigation {

    @Bean
    NavigationItem auditNavigationItem() {
        return NavigationItem.forRoles("nav.audit", "nav.audit.description", "/admin/audit", 910, Role.ADMIN.name());
    }
}
