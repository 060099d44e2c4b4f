package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * The access token of an API request, from the {@code Authorization} header only (never from a URL, which is logged,
 * or a form body); legacy {@code cwk_} tokens are left to {@link LegacyBearerTokenFilter}. The same answers and errors
 * as Spring Security's {@link DefaultBearerTokenResolver} with its defaults (checked against it in
 * {@code HeaderBearerTokensTests}), without its regular expression: matching {@code ^Bearer
 * (?<token>[a-zA-Z0-9-._~+/]+=*)$} over a JWT of about 800 characters was 14 % of an eligibility answer's
 * application CPU (issue #23, JFR). The header is read once (each read goes through the firewall's check).
 */
final class HeaderBearerTokens implements BearerTokenResolver {

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return LegacyBearerTokenFilter.isLegacy(header) ? null : token(header);
    }

    /** As {@link DefaultBearerTokenResolver}: null when the header does not start with "bearer" (any case). */
    static String token(String header) {
        if (header == null || !header.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        int n = header.length();
        // "Bearer " in ASCII letters of any case (the pattern's CASE_INSENSITIVE without UNICODE_CASE), one space
        boolean well = n > 7 && asciiIgnoreCase(header, "bearer") && header.charAt(6) == ' ';
        int i = 7;
        while (well && i < n && tokenCharacter(header.charAt(i))) {
            i++;
        }
        well = well && i > 7;
        while (well && i < n && header.charAt(i) == '=') {
            i++;
        }
        if (!well || i != n) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return header.substring(7);
    }

    private static boolean asciiIgnoreCase(String text, String lowerAscii) {
        for (int i = 0; i < lowerAscii.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-zA-Z0-9-._~+/]} */
    private static boolean tokenCharacter(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~'
                || c == '+'
                || c == '/';
    }
}
