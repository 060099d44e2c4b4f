package org.commonweal.housing.cases;

import org.commonweal.identity.Role;
import org.commonweal.shell.NavigationItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class HousingNavigation {

    @Bean
    NavigationItem housingCaseloadNavigation() {
        return NavigationItem.forRoles(
                "nav.housing", "nav.housing.description", "/housing", 700, Role.CASE_MANAGER.name(), Role.ADMIN.name());
    }

    @Bean
    NavigationItem housingFundingNavigation() {
        return NavigationItem.forRoles(
                "nav.housing.funding",
                "nav.housing.funding.description",
                "/housing/funding",
                710,
                Role.GRANTS_OFFICER.name(),
                Role.ADMIN.name(),
                Role.CASE_MANAGER.name());
    }

    @Bean
    NavigationItem housingOutcomesNavigation() {
        return NavigationItem.forRoles(
                "nav.housing.outcomes",
                "nav.housing.outcomes.description",
                "/housing/outcomes",
                720,
                Role.ANALYST.name(),
                Role.ADMIN.name(),
                Role.CASE_MANAGER.name());
    }

    @Bean
    NavigationItem housingHmisNavigation() {
        return NavigationItem.forRoles(
                "nav.housing.hmis", "nav.housing.hmis.description", "/housing/hmis", 730, Role.ADMIN.name());
    }
}
