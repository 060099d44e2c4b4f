package org.commonweal.shell.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/** Error pages show the request id, so a user can quote it and staff can find the log lines and audit rows. */
@Component
class RequestIdErrorAttributes extends DefaultErrorAttributes {

    /**
     * The request attribute where the audit's request-id filter keeps the id: after {@code sendError} the container
     * renders the error page with a reset response, whose headers no longer carry it.
     */
    static final String REQUEST_ID_ATTRIBUTE = "org.commonweal.audit.internal.RequestIdFilter";

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object id = request.getAttribute(REQUEST_ID_ATTRIBUTE, WebRequest.SCOPE_REQUEST);
        if (id == null
                && request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeResponse() instanceof HttpServletResponse response) {
            id = response.getHeader("X-Request-Id");
        }
        if (id != null) {
            attributes.put("requestId", id.toString());
        }
        return attributes;
    }
}
