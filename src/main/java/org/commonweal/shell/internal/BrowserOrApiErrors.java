package org.commonweal.shell.internal;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The framework's errors (a page or record not found, a date or number that cannot be read, a wrong method, a file
 * too large) as a person or a program expects them: RFC 9457 problem details for API callers (the machine API paths,
 * or a caller that asks for JSON and not HTML), the site's error page with navigation and the request id for
 * browsers. Replaces Boot's problem-details handler, which answered browsers with raw JSON.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class BrowserOrApiErrors extends ResponseEntityExceptionHandler {

    private static final String[] MACHINE_APIS = {"/api/", "/x12/", "/fhir/", "/hsds/"};

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeRequest() instanceof HttpServletRequest http
                && nativeRequest.getNativeResponse() instanceof HttpServletResponse response
                && !isApiCaller(http)) {
            try {
                response.sendError(statusCode.value());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static boolean isApiCaller(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String api : MACHINE_APIS) {
            if (path.startsWith(api) || path.equals(api.substring(0, api.length() - 1))) {
                return true;
            }
        }
        if (request.getHeader("HX-Request") != null) {
            return false;
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && !accept.contains("text/html")
                && (accept.contains("json") || accept.contains("application/problem"));
    }
}
