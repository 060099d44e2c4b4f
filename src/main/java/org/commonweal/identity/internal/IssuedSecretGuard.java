package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Disables a client whose new secret was issued but whose page failed to render: the secret was never shown, so the
 * client must not stay active with a credential nobody holds. (Spring MVC passes rendering failures to
 * {@code afterCompletion}.)
 */
@Configuration(proxyBeanMethods = false)
class IssuedSecretGuard implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IssuedSecretGuard.class);
    private static final String ATTRIBUTE = IssuedSecretGuard.class.getName();

    private final JdbcApiClients clients;

    IssuedSecretGuard(JdbcApiClients clients) {
        this.clients = clients;
    }

    static void issued(HttpServletRequest request, long clientId) {
        request.setAttribute(ATTRIBUTE, clientId);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/api-clients", "/admin/api-clients/*/rotate");
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (ex != null && request.getAttribute(ATTRIBUTE) instanceof Long id) {
            log.warn(
                    "API client {}: its new secret could not be shown ({}); the client is disabled",
                    id,
                    ex.getClass().getSimpleName());
            clients.disable(id);
        }
    }
}
