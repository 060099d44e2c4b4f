package org.commonweal.centers.hsds;

import org.commonweal.identity.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The HSDS API is open data: anyone may read it, on the stateless API chain. */
@Component
class HsdsAccessRules implements ApiAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/hsds", "/hsds/**").permitAll();
    }
}
