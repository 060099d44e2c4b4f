package org.commonweal.coverage.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import org.commonweal.coverage.Coverage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * Mounts {@link LeanEligibilityFilter} on its one path, for requests only (error dispatches take the normal path),
 * just after the outermost filters (request id, database-unavailable 503, character encoding; all at the highest
 * precedence) and before the session, observation and security filters. The HTTP observation filter has the same
 * order (highest + 1); registrations of equal order keep their bean definition order, and the application's
 * configurations are defined before Boot's auto-configuration, so this one comes first (checked: the registered
 * order is request id, database unavailable, character encoding, this, observation, session, …, security).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class LeanEligibilityConfiguration {

    @Bean
    LeanEligibilityFilter leanEligibilityFilter(
            Coverage coverage,
            @Qualifier("springSecurityFilterChain") ObjectProvider<Filter> security,
            ObjectProvider<RequestMappingHandlerAdapter> mvc,
            @Value("${commonweal.coverage.lean-eligibility:true}") boolean enabled) {
        return new LeanEligibilityFilter(coverage, security, mvc, enabled);
    }

    @Bean
    FilterRegistrationBean<LeanEligibilityFilter> leanEligibilityRegistration(LeanEligibilityFilter filter) {
        var registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(LeanEligibilityFilter.PATH);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
