package org.commonweal.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles wrong passwords per login name and client address (issue #17): after {@code max-failed-logins} failures
 * in a row from one address, that address waits before it may try that name again: 1 minute, then 2, 4, 8, up to
 * {@code lockout-minutes}. Other addresses are not affected, so nobody can lock an administrator out; the name is
 * taken as typed, so an unknown login is throttled exactly like a real one, and a throttled attempt gets the same
 * answer as a wrong password ({@code /login?error}). A good sign-in clears its row. The state is in the database,
 * so every instance of a cluster applies it.
 */
@Component
class LoginAttempts {

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final int maxBlockMinutes;

    LoginAttempts(
            JdbcClient jdbc,
            @Value("${commonweal.security.max-failed-logins:5}") int maxFailures,
            @Value("${commonweal.security.lockout-minutes:15}") int maxBlockMinutes) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.maxBlockMinutes = maxBlockMinutes;
    }

    boolean throttled(String login, String address) {
        return jdbc.sql("""
                select exists (select 1 from identity.login_throttle
                               where login = ? and address = ? and blocked_until > now())""")
                .params(normalise(login), address)
                .query(Boolean.class)
                .single();
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        // sign-in forms only (OAuth client authentication at the token endpoint fails through here too)
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)
                || !(event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)) {
            return;
        }
        jdbc.sql("""
                insert into identity.login_throttle as t (login, address, failures) values (:login, :address, 1)
                on conflict (login, address) do update
                set failures = t.failures + 1, last_failure_at = now(),
                    blocked_until = case when t.failures + 1 >= :max
                        then now() + make_interval(mins => least(:cap, power(2, least(t.failures + 1 - :max, 20))::int))
                        else t.blocked_until end""")
                .param("login", normalise(event.getAuthentication().getName()))
                .param("address", details.getRemoteAddress())
                .param("max", maxFailures)
                .param("cap", maxBlockMinutes)
                .update();
    }

    /**
     * A sign-in (form, passkey, a client at the token endpoint) stamps the account's last login and clears its
     * throttle row. A bearer token presented with an API request is not a sign-in (as in the audit's
     * {@code SecurityEventAudit}): its client is no user account, yet the stamp was an {@code update} statement on
     * every API answer (issue #23, JFR: 7 % of an eligibility answer's application CPU and a round trip).
     */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof AbstractOAuth2TokenAuthenticationToken<?>) {
            return;
        }
        String name = event.getAuthentication().getName();
        jdbc.sql("update identity.user_account set last_login_at = now() where lower(username) = lower(?)")
                .param(name)
                .update();
        if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken
                && event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            jdbc.sql("delete from identity.login_throttle where login = ? and address = ?")
                    .params(normalise(name), details.getRemoteAddress())
                    .update();
        }
    }

    private static String normalise(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }

    /** Answers a throttled sign-in like a wrong password, before the password is checked. */
    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if ("POST".equals(request.getMethod())
                        && request.getRequestURI().equals(request.getContextPath() + "/login")
                        && throttled(request.getParameter("username"), request.getRemoteAddr())) {
                    response.sendRedirect(request.getContextPath() + "/login?error");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }
}
