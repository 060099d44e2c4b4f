package org.commonweal.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Outermost filter: marks the thread as serving a web request (so {@link FailFastDataSource} gives its connections
 * the short network timeout), and answers 503 Service Unavailable with {@code Retry-After} when a request failed
 * because the database could not be reached in time, instead of a 500. The answer is written here, outside the
 * session filter and without an error dispatch: a page that had started a session would otherwise try to save it
 * to the unreachable database when the error page is sent, and the visitor would get an empty 503. Browsers get a
 * short page in their language, API clients
 * the error JSON, both from the application's error handling.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailable extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

    static final String RETRY_AFTER_SECONDS = "5";

    private final MessageSource messages;

    DatabaseUnavailable(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        FailFastDataSource.webRequestStarted();
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!isDatabaseUnavailable(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable, answered 503: {}", rootMessage(e));
            answer(request, response);
        } finally {
            FailFastDataSource.webRequestDone();
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.resetBuffer(); // the security headers already written (CSP, nosniff, frame options) stay
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        java.util.Locale locale =
                "es".equals(request.getLocale().getLanguage()) ? java.util.Locale.of("es") : java.util.Locale.ENGLISH;
        String title = messages.getMessage("error.503.title", null, "Service briefly unavailable", locale);
        String text = messages.getMessage("error.503.text", null, "Please try again in a minute.", locale);
        if (org.commonweal.platform.ApiCallers.isApiCaller(request)) {
            // RFC 9457 problem details for API callers
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                            + "\"detail\":\"The database did not answer in time; retry after " + RETRY_AFTER_SECONDS
                            + " seconds.\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter()
                    .write("<!DOCTYPE html><html lang=\"" + locale.getLanguage() + "\"><head>"
                            + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                            + "<title>" + HtmlUtils.htmlEscape(title) + "</title>"
                            + "<link rel=\"stylesheet\" href=\"/webjars/bootstrap/dist/css/bootstrap.min.css\"></head>"
                            + "<body><main id=\"main\" class=\"container py-4\"><h1 class=\"h3\">"
                            + HtmlUtils.htmlEscape(title)
                            + "</h1><p>" + HtmlUtils.htmlEscape(text)
                            + "</p><p><a href=\"/\">Commonweal</a></p></main></body></html>");
        }
        response.flushBuffer();
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** True when the failure, or one of its causes, says the database could not be reached or did not answer. */
    static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof SQLTimeoutException) {
                return true;
            }
            if (t instanceof TransactionSystemException tse
                    && tse.getApplicationException() != null
                    && isDatabaseUnavailable(tse.getApplicationException())) {
                return true; // the rollback failed too; the application's exception says why
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true; // SQLSTATE class 08: connection exception
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
