package org.commonweal.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.commonweal.identity.Role;
import org.commonweal.platform.RuntimeMode;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Passkeys as the second factor of staff sign-in (issue #17). A login with a role in {@link #REQUIRED} that signed in
 * with its password reaches nothing but these pages until it has also used a passkey in this session:
 * <ul>
 * <li>no passkey yet: the enrolment page ({@code /account/passkeys}) and its WebAuthn endpoints (enrolment on first
 * sign-in; after an administrator's recovery, the same);</li>
 * <li>a passkey enrolled: the passkey step ({@code /login/passkey}) and its endpoints; enrolling another passkey or
 * removing one needs the passkey step first.</li>
 * </ul>
 * A passkey is never a first factor here: the WebAuthn sign-in endpoints refuse a visitor who has not given a
 * password. Logins of other roles are not offered passkeys. In demo mode the demo logins skip the step (the sign-in
 * page says so).
 */
@Component
class PasskeyGate {

    /** The roles whose logins must use a passkey after their password. */
    static final Set<Role> REQUIRED = EnumSet.of(Role.ADMIN, Role.MEMBER_SERVICES, Role.CASE_MANAGER, Role.ANALYST);

    static final String STEP_PAGE = "/login/passkey";
    static final String ENROL_PAGE = "/account/passkeys";
    private static final String EXEMPT = PasskeyGate.class.getName() + ".exempt";
    private static final Set<String> ALWAYS = Set.of("/logout", "/error", "/favicon.ico");
    private static final Set<String> STEP = Set.of(STEP_PAGE, "/webauthn/authenticate/options", "/login/webauthn");
    private static final Set<String> ENROL = Set.of(ENROL_PAGE, "/webauthn/register/options", "/webauthn/register");

    private final JdbcPasskeys passkeys;
    private final JdbcUserAccounts accounts;
    private final RuntimeMode mode;
    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

    PasskeyGate(JdbcPasskeys passkeys, JdbcUserAccounts accounts, RuntimeMode mode) {
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.mode = mode;
    }

    static boolean required(Authentication auth) {
        return auth != null
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a ->
                                REQUIRED.stream().anyMatch(r -> r.authority().equals(a)));
    }

    /**
     * True for a sign-in of this application: every Spring Security sign-in (password here; one-time token, SAML,
     * X.509 … should one be added) records its factor as a {@code FACTOR_…} authority, so every one of them is held
     * to the passkey rule. Only an authentication made up in a test carries no factor.
     */
    static boolean signedInWithAFactor(Authentication auth) {
        return auth.getAuthorities().stream()
                .anyMatch(a ->
                        a instanceof FactorGrantedAuthority || a.getAuthority().startsWith("FACTOR_"));
    }

    static boolean passkeyUsed(Authentication auth) {
        return has(auth, FactorGrantedAuthority.WEBAUTHN_AUTHORITY);
    }

    private static boolean has(Authentication auth, String authority) {
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
    }

    /** True when this signed-in login may skip the passkey step: a demo login in demo mode (noted in the session). */
    boolean exempt(HttpServletRequest request, Authentication auth) {
        if (!mode.demo()) {
            return false;
        }
        var session = request.getSession();
        if (session.getAttribute(EXEMPT) instanceof String name && name.equals(auth.getName())) {
            return true;
        }
        boolean demo = accounts.isDemo(auth.getName());
        if (demo) {
            session.setAttribute(EXEMPT, auth.getName());
        }
        return demo;
    }

    OncePerRequestFilter filter() {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI()
                        .substring(request.getContextPath().length());
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                boolean signedIn = trust.isAuthenticated(auth);
                boolean webauthn = path.startsWith("/webauthn/") || path.equals("/login/webauthn");
                if (!signedIn) {
                    if (webauthn) {
                        // a passkey is the second step, never the first
                        response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                        return;
                    }
                    chain.doFilter(request, response);
                    return;
                }
                if (!required(auth) || !signedInWithAFactor(auth)) {
                    if (webauthn) {
                        response.sendError(HttpServletResponse.SC_FORBIDDEN);
                        return;
                    }
                    chain.doFilter(request, response);
                    return;
                }
                if (passkeyUsed(auth) && !has(auth, FactorGrantedAuthority.PASSWORD_AUTHORITY)) {
                    // a passkey step that answered for another login than the password's: the two factors
                    // of one sign-in must be the same login's, so this session ends
                    request.getSession().invalidate();
                    SecurityContextHolder.clearContext();
                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                    return;
                }
                if (passkeyUsed(auth) || ALWAYS.contains(path) || isStatic(path) || exempt(request, auth)) {
                    refuseBadLabel(request, response, chain);
                    return;
                }
                boolean enrolled = passkeys.hasAny(auth.getName());
                Set<String> open = enrolled ? STEP : ENROL;
                if (open.contains(path) || (path.startsWith("/webauthn/register/") && !enrolled)) {
                    refuseBadLabel(request, response, chain);
                    return;
                }
                if (HttpMethod.GET.matches(request.getMethod())) {
                    requestCache.saveRequest(request, response);
                    response.sendRedirect(request.getContextPath() + (enrolled ? STEP_PAGE : ENROL_PAGE));
                } else {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                }
            }
        };
    }

    /** A passkey name refused by {@link PasskeyRelyingParty} is a 422 with the reason, not a 500. */
    private static void refuseBadLabel(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (PasskeyRelyingParty.LabelRefused e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            response.setStatus(422);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getWriter().write("{\"success\":false,\"error\":\"label\"}");
        }
    }

    private static boolean isStatic(String path) {
        return path.startsWith("/webjars/")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/img/");
    }
}
