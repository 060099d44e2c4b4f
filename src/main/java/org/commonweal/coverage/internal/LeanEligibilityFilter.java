package org.commonweal.coverage.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.commonweal.coverage.Coverage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * The lean path of the machine eligibility API (issue #23): a well-formed {@code GET /api/v1/eligibility} is answered
 * here, in front of the Spring MVC stack, instead of by {@link EligibilityApiController}. It skips what an answer does
 * not need (the HTTP observation and session filters, DispatcherServlet, handler mapping, argument resolution), and
 * nothing it does need:
 * <ul>
 * <li>security is the application's own Spring Security filter chain ({@code springSecurityFilterChain}), the same
 * object the normal path runs: firewall, security headers, CORS, access token verification with its cache, the
 * route's scope, the rate limit and the body limit, 401/403/429 with their challenges and error bodies;</li>
 * <li>the answer and its audit row come from {@link EligibilityAnswers}, as for the controller;</li>
 * <li>the JSON is written by Spring MVC's own message converters, so bodies and content types are the same bytes;</li>
 * <li>the request id, the database-unavailable 503 and the character encoding come from the filters before this
 * one, which run for both paths.</li>
 * </ul>
 * Anything else (another method or media type, no member named, a date that is not {@code YYYY-MM-DD}, a parameter
 * given twice) goes on to the normal path untouched, so its answer is the controller's by construction.
 * {@code commonweal.coverage.lean-eligibility=false} turns the lean path off.
 */
final class LeanEligibilityFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v1/eligibility";
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Coverage coverage;
    private final ObjectProvider<Filter> security;
    private final ObjectProvider<RequestMappingHandlerAdapter> mvc;
    private volatile boolean enabled;
    private final LongAdder taken = new LongAdder();
    private volatile List<HttpMessageConverter<?>> converters;

    LeanEligibilityFilter(
            Coverage coverage,
            ObjectProvider<Filter> security,
            ObjectProvider<RequestMappingHandlerAdapter> mvc,
            boolean enabled) {
        this.coverage = coverage;
        this.security = security;
        this.mvc = mvc;
        this.enabled = enabled;
    }

    /** Tests run the same requests through both paths in one application. */
    void enable(boolean on) {
        this.enabled = on;
    }

    /** How many requests the lean path has taken (answered or refused itself), for tests. */
    long taken() {
        return taken.sum();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled
                || !"GET".equals(request.getMethod())
                || !PATH.equals(request.getRequestURI()
                        .substring(request.getContextPath().length()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String memberId = single(request, "memberId");
        String cin = single(request, "cin");
        String dateText = single(request, "date");
        LocalDate date = dateText == null ? null : isoDate(dateText);
        if (memberId == MANY
                || cin == MANY
                || dateText == MANY
                || (dateText != null && date == null)
                || !EligibilityAnswers.namesAMember(memberId, cin)
                || !acceptsJson(request.getHeader("Accept"))) {
            chain.doFilter(request, response); // the normal path answers, errors included
            return;
        }
        taken.increment();
        // as RequestContextFilter does before the security filters on the normal path: the audit rows written
        // during authentication and with the answer read the client's address and the request id from it
        var attributes = new ServletRequestAttributes(request, response);
        LocaleContextHolder.setLocale(request.getLocale());
        RequestContextHolder.setRequestAttributes(attributes);
        try {
            security.getObject()
                    .doFilter(
                            request,
                            response,
                            (req, res) -> write(
                                    EligibilityAnswers.answer(coverage, memberId, cin, date),
                                    (HttpServletRequest) req,
                                    (HttpServletResponse) res));
        } finally {
            LocaleContextHolder.resetLocaleContext();
            RequestContextHolder.resetRequestAttributes();
            attributes.requestCompleted();
        }
    }

    /** As Spring MVC writes a {@code ResponseEntity} from a handler that produces {@code application/json}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void write(ResponseEntity<?> entity, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Object body = entity.getBody();
        // the controller produces application/json, so MVC writes its problem details as application/json too
        MediaType type = MediaType.APPLICATION_JSON;
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI())); // as MVC does for a ProblemDetail body
        }
        response.setStatus(entity.getStatusCode().value());
        var output = new ServletServerHttpResponse(response);
        for (HttpMessageConverter converter : converters()) {
            if (converter.canWrite(body.getClass(), type)) {
                converter.write(body, type, output);
                output.flush();
                return;
            }
        }
        throw new IllegalStateException("no message converter writes " + body.getClass() + " as " + type);
    }

    private List<HttpMessageConverter<?>> converters() {
        List<HttpMessageConverter<?>> list = converters;
        if (list == null) {
            list = mvc.getObject().getMessageConverters();
            converters = list;
        }
        return list;
    }

    private static final String MANY = new String("(given more than once)");

    private static String single(HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? null : values.length == 1 ? values[0] : MANY;
    }

    private static LocalDate isoDate(String text) {
        if (!ISO_DATE.matcher(text).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** No Accept header, or one that plainly takes JSON; any other negotiation is left to Spring MVC. */
    private static boolean acceptsJson(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }
}
