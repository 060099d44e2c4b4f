package org.commonweal.identity.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.commonweal.identity.ApiAccessRules;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates {@code Authorization: Bearer <token>} of a registered API client; anything else stays anonymous. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final JdbcApiClients clients;

    BearerTokenFilter(JdbcApiClients clients) {
        this.clients = clients;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            clients.authenticate(token).ifPresentOrElse(name -> {
                var auth = UsernamePasswordAuthenticationToken.authenticated(name, null,
                        List.of(new SimpleGrantedAuthority("ROLE_" + ApiAccessRules.API_CLIENT)));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(auth);
                SecurityContextHolder.setContext(context);
            }, () -> request.setAttribute(BearerTokenFilter.class.getName(), "invalid_token"));
        }
        // no clearing here: the exception translation further up must still see who was denied;
        // SecurityContextHolderFilter clears the context when the request ends
        chain.doFilter(request, response);
    }
}
