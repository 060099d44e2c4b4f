package org.commonweal.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.identity.ApiAccessRules;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The bearer tokens issued before OAuth ({@code cwk_…}): still accepted, with the scopes their client was migrated
 * to, until the owner moves to the token endpoint and an administrator disables the old client. Any other bearer
 * token is left to the JWT resource server.
 */
class LegacyBearerTokenFilter extends OncePerRequestFilter {

    static final String INVALID = LegacyBearerTokenFilter.class.getName();
    private final JdbcApiClients clients;

    LegacyBearerTokenFilter(JdbcApiClients clients) {
        this.clients = clients;
    }

    static boolean isLegacy(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer " + JdbcApiClients.LEGACY_TOKEN_PREFIX, 0, 11);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (isLegacy(header)) {
            clients.authenticateLegacy(header.substring(7).trim())
                    .ifPresentOrElse(
                            client -> {
                                List<GrantedAuthority> authorities = new ArrayList<>();
                                authorities.add(new SimpleGrantedAuthority("ROLE_" + ApiAccessRules.API_CLIENT));
                                client.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
                                var context = SecurityContextHolder.createEmptyContext();
                                context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                                        client.clientId(), null, authorities));
                                SecurityContextHolder.setContext(context);
                            },
                            () -> request.setAttribute(INVALID, "invalid_token"));
        }
        // no clearing here: the exception translation further up must still see who was denied;
        // SecurityContextHolderFilter clears the context when the request ends
        chain.doFilter(request, response);
    }
}
