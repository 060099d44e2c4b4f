package org.commonweal.shell.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
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

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
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

    /**
     * A value the database's checks refuse (a length or range that no form check caught): nothing was saved, and
     * the person is told so rather than shown "something went wrong" (422, not 500).
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> refusedByTheDatabase(DataIntegrityViolationException ex, WebRequest request) {
        return handleExceptionInternal(
                ex,
                ProblemDetail.forStatusAndDetail(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "A value is outside what this record accepts; nothing was saved."),
                new HttpHeaders(),
                HttpStatus.UNPROCESSABLE_CONTENT,
                request);
    }

    /** A form of files sent without its files (not as multipart): a bad request, not a server error. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> notMultipart(MultipartException ex, WebRequest request) {
        return handleExceptionInternal(
                ex,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The form's files were not sent."),
                new HttpHeaders(),
                HttpStatus.BAD_REQUEST,
                request);
    }

    static boolean isApiCaller(HttpServletRequest request) {
        return org.commonweal.platform.ApiCallers.isApiCaller(request);
    }
}
