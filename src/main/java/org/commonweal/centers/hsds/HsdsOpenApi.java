package org.commonweal.centers.hsds;

import org.commonweal.identity.AccessRules;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The OpenAPI description of the HSDS API alone (springdoc group {@code public-hsds}, at {@value #PATH}), which the HSDS
 * root's {@code openapi_url} points to. Open data, so anyone may read it without signing in; the application's full
 * description at {@code /v3/api-docs} is unchanged.
 */
@Configuration(proxyBeanMethods = false)
class HsdsOpenApi {

    static final String PATH = "/v3/api-docs/public-hsds";

    @Bean
    GroupedOpenApi hsdsOpenApiGroup() {
        return GroupedOpenApi.builder()
                .group("public-hsds")
                .displayName("Open Referral HSDS 3.0")
                .pathsToMatch("/hsds", "/hsds/**")
                .build();
    }

    @Bean
    AccessRules hsdsOpenApiAccess() {
        return new AccessRules() {
            @Override
            public void configure(
                    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
                rules.requestMatchers(HttpMethod.GET, PATH).permitAll();
            }
        };
    }
}
