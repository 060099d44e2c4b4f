package org.commonweal.identity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Locks a login for a while after too many wrong passwords in a row; a good login clears the count. */
@Component
class LoginAttempts {

    private final JdbcClient jdbc;
    private final int maxFailures;
    private final int lockMinutes;

    LoginAttempts(JdbcClient jdbc, @Value("${commonweal.security.max-failed-logins:5}") int maxFailures,
            @Value("${commonweal.security.lockout-minutes:15}") int lockMinutes) {
        this.jdbc = jdbc;
        this.maxFailures = maxFailures;
        this.lockMinutes = lockMinutes;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        jdbc.sql("""
                update identity.user_account
                set failed_attempts = case when failed_attempts + 1 >= :max then 0 else failed_attempts + 1 end,
                    locked_until = case when failed_attempts + 1 >= :max
                                        then now() + make_interval(mins => :minutes) else locked_until end
                where lower(username) = lower(:username)""")
                .param("max", maxFailures).param("minutes", lockMinutes)
                .param("username", event.getAuthentication().getName())
                .update();
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        jdbc.sql("""
                update identity.user_account set failed_attempts = 0, locked_until = null, last_login_at = now()
                where lower(username) = lower(?)""")
                .param(event.getAuthentication().getName()).update();
    }
}
