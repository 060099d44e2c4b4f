package org.commonweal.centers.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Kiosk mode (#18): once staff open a center's kiosk on a device, that browser session is locked to the kiosk's pages
 * (check-in by code or name): any other page of the site leads back to the kiosk, so a visitor cannot walk into the
 * staff session behind it. Leaving takes the staff member's password ({@link KioskController#leave}).
 */
@Configuration(proxyBeanMethods = false)
class KioskLock implements WebMvcConfigurer, HandlerInterceptor {

    static final String SESSION_ATTRIBUTE = KioskLock.class.getName();

    static void lock(HttpSession session, String centerCode) {
        session.setAttribute(SESSION_ATTRIBUTE, centerCode);
    }

    static void unlock(HttpSession session) {
        session.removeAttribute(SESSION_ATTRIBUTE);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .excludePathPatterns(
                        "/css/**",
                        "/js/**",
                        "/img/**",
                        "/webjars/**",
                        "/error",
                        "/api/**",
                        "/x12/**",
                        "/fhir/**",
                        "/hsds/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        HttpSession session = request.getSession(false);
        Object code = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        if (code == null) {
            return true;
        }
        String kiosk = request.getContextPath() + "/centers/kiosk/" + code;
        String path = request.getRequestURI();
        if (path.equals(kiosk) || path.startsWith(kiosk + "/")) {
            return true;
        }
        response.sendRedirect(kiosk);
        return false;
    }
}
