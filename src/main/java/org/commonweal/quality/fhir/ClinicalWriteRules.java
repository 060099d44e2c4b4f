package org.commonweal.quality.fhir;

import org.commonweal.identity.ApiAccessRules;
import org.commonweal.identity.ApiScope;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * A Bundle posted to the FHIR server's base writes clinical data: only clients granted {@code system/clinical.write}
 * (least privilege: a client that reads measure reports, or any other, gets 403 {@code insufficient_scope}). The
 * SMART interceptor checks interactions on a resource type; a transaction has none, so the route is checked here.
 */
@Component
class ClinicalWriteRules implements ApiAccessRules {

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        rules.requestMatchers(HttpMethod.POST, "/fhir", "/fhir/").hasAuthority(ApiScope.CLINICAL_WRITE.authority());
    }
}
