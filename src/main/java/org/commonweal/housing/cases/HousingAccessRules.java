package org.commonweal.housing.cases;

import static org.commonweal.identity.AccessRules.roles;

import org.commonweal.identity.AccessRules;
import org.commonweal.identity.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Case work: case managers and administrators (which clients, CaseloadAccess decides). Funding: grants officers and
 * administrators see every subsidy and change the ledger; case managers see the funding page and their caseload's
 * subsidies (schedule, hold, release: SubsidyController decides). Outcomes: analysts too (small cells suppressed).
 * HMIS exchange: administrators.
 */
@Component
class HousingAccessRules implements AccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers("/housing/hmis", "/housing/hmis/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/housing/funding", "/housing/funding/**")
                .hasAnyRole(roles(Role.ADMIN, Role.GRANTS_OFFICER, Role.CASE_MANAGER))
                .requestMatchers("/housing/funding/**")
                .hasAnyRole(roles(Role.ADMIN, Role.GRANTS_OFFICER))
                // issue #17: a subsidy page names the client and their home address, so grants officers (who move
                // payments from the funding page, separation of duties) do not open it
                .requestMatchers("/housing/subsidies/**")
                .hasAnyRole(roles(Role.ADMIN, Role.CASE_MANAGER))
                .requestMatchers("/housing/payments/**")
                .hasAnyRole(roles(Role.ADMIN, Role.GRANTS_OFFICER, Role.CASE_MANAGER))
                .requestMatchers("/housing/outcomes/health")
                .hasAnyRole(roles(Role.ADMIN, Role.ANALYST, Role.CASE_MANAGER))
                .requestMatchers("/housing/outcomes", "/housing/outcomes.csv")
                .hasAnyRole(roles(Role.ADMIN, Role.ANALYST, Role.CASE_MANAGER))
                .requestMatchers("/housing", "/housing/**")
                .hasAnyRole(roles(Role.ADMIN, Role.CASE_MANAGER));
    }
}
