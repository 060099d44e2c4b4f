package org.commonweal.identity.internal;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Spring Security's authentication events, as Spring Boot publishes them ({@link DefaultAuthenticationEventPublisher},
 * which this bean replaces), except one: an access token accepted on an API request is not published as a success.
 * Presenting a token is no sign-in, and both listeners of successes skip token authentications (the audit's login
 * row, {@code SecurityEventAudit}; the last-login stamp, {@link LoginAttempts}); yet the event's trip through the
 * application's event multicaster was 7 % of an eligibility answer's application CPU (issue #23, JFR). Every failure
 * (a bad, expired or revoked token, a wrong password) and every other success is published as before.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationEvents {

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        var events = new DefaultAuthenticationEventPublisher(publisher);
        return new AuthenticationEventPublisher() {
            @Override
            public void publishAuthenticationSuccess(Authentication authentication) {
                if (!(authentication instanceof AbstractOAuth2TokenAuthenticationToken<?>)) {
                    events.publishAuthenticationSuccess(authentication);
                }
            }

            @Override
            public void publishAuthenticationFailure(AuthenticationException exception, Authentication authentication) {
                events.publishAuthenticationFailure(exception, authentication);
            }
        };
    }
}
