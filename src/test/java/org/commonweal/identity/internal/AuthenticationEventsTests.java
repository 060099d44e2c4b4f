package org.commonweal.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Access tokens accepted are not published as sign-ins; every failure and every other success still is. */
class AuthenticationEventsTests {

    private final List<Object> published = new ArrayList<>();
    private final org.springframework.security.authentication.AuthenticationEventPublisher events =
            new AuthenticationEvents().authenticationEventPublisher(published::add);

    @Test
    void anAccessTokenAcceptedIsNoSignIn() {
        Jwt jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("bench")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .build();
        events.publishAuthenticationSuccess(
                new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("SCOPE_eligibility.read")));
        assertThat(published).isEmpty();
    }

    @Test
    void aSignInIsPublished() {
        var login = UsernamePasswordAuthenticationToken.authenticated(
                "ana", null, AuthorityUtils.createAuthorityList("ROLE_ADMIN"));
        events.publishAuthenticationSuccess(login);
        assertThat(published).singleElement().isInstanceOf(AuthenticationSuccessEvent.class);
    }

    @Test
    void failuresArePublishedAsSpringBootPublishesThem() {
        List<Object> boot = new ArrayList<>();
        var bootEvents = new DefaultAuthenticationEventPublisher(boot::add);
        var wrongPassword = new BadCredentialsException("bad");
        var badToken = new InvalidBearerTokenException("expired");
        events.publishAuthenticationFailure(
                wrongPassword, UsernamePasswordAuthenticationToken.unauthenticated("ana", "x"));
        events.publishAuthenticationFailure(badToken, new BearerTokenAuthenticationToken("t"));
        bootEvents.publishAuthenticationFailure(
                wrongPassword, UsernamePasswordAuthenticationToken.unauthenticated("ana", "x"));
        bootEvents.publishAuthenticationFailure(badToken, new BearerTokenAuthenticationToken("t"));
        assertThat(published)
                .map(Object::getClass)
                .isEqualTo(boot.stream().map(Object::getClass).toList());
        assertThat(published.get(0)).isInstanceOf(AuthenticationFailureBadCredentialsEvent.class);
    }
}
