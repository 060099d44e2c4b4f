package org.commonweal.grants.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A grants form sent with a field left empty or of the wrong kind (a blank Board form, "twelve" in an amount) comes
 * back to the page it came from with the field named in words and in the page's language, instead of an error
 * page (#18). Nothing was saved: the handler did not run.
 */
@ControllerAdvice(basePackageClasses = GrantsFormProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class GrantsFormProblems {

    private static final java.util.regex.Pattern ACTION =
            java.util.regex.Pattern.compile("(.*?/\\d+)/[a-z-]+(/\\d+)?(/[a-z-]+)?");

    private final MessageSource messages;

    GrantsFormProblems(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    String missing(
            MissingServletRequestParameterException e, HttpServletRequest request, HttpServletResponse response) {
        return back(request, response, "grants.param.missing", label(e.getParameterName()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response) {
        return back(
                request, response, "grants.param.mismatch", label(e.getName()), String.valueOf(e.getValue()), kind(e));
    }

    private String kind(TypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String kind = type == null
                ? "value"
                : Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class
                        ? "number"
                        : type == java.time.LocalDate.class ? "date" : "value";
        return messages.getMessage("grants.param.kind." + kind, null, LocaleContextHolder.getLocale());
    }

    private String label(String parameter) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage("grants.param." + parameter, null, parameter, locale);
    }

    /** Back to the page of the form (the same path without the action), with the message as the page's error. */
    private String back(HttpServletRequest request, HttpServletResponse response, String key, Object... arguments) {
        String message = messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
        RequestContextUtils.getOutputFlashMap(request).put("error", message);
        RequestContextUtils.saveOutputFlashMap(pageOf(request), request, response);
        return "redirect:" + pageOf(request);
    }

    static String pageOf(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            URI uri = URI.create(referer);
            if (uri.getPath() != null
                    && uri.getPath().startsWith("/grants/")
                    && (uri.getHost() == null || uri.getHost().equals(request.getServerName()))) {
                return uri.getPath();
            }
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the page of a record's action: /grants/staff/board/7/actions -> /grants/staff/board/7
        var action = ACTION.matcher(path);
        return action.matches() ? action.group(1) : path;
    }
}
