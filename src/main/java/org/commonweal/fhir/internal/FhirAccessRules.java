package org.commonweal.fhir.internal;

import org.commonweal.identity.ApiAccessRules;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/** The CapabilityStatement is public; each resource type's module declares its own access. */
@Component
class FhirAccessRules implements ApiAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll();
    }

    @Override
    public int order() {
        return -100;
    }
}
