package org.commonweal.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether a request comes from a machine (the APIs under {@code /api}, {@code /x12}, {@code /fhir}, {@code /hsds},
 * or a caller that asks for JSON and not HTML): such callers get RFC 9457 problem details, browsers get pages.
 * One rule for the shell's error pages and the platform's 503.
 */
public final class ApiCallers {

    private static final String[] MACHINE_APIS = {"/api/", "/x12/", "/fhir/", "/hsds/"};

    private ApiCallers() {}

    public static boolean isApiCaller(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String api : MACHINE_APIS) {
            if (path.startsWith(api) || path.equals(api.substring(0, api.length() - 1))) {
                return true;
            }
        }
        if (request.getHeader("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeader("Accept");
        return accept != null
                && !accept.contains("text/html")
                && (accept.contains("json") || accept.contains("application/problem"));
    }
}
