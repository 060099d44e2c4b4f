package org.commonweal.shell.internal;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;

/** Error pages show the request id, so a user can quote it and staff can find the log lines and audit rows. */
@Component
class RequestIdErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (request instanceof NativeWebRequest nativeRequest
                && nativeRequest.getNativeResponse() instanceof HttpServletResponse response) {
            String id = response.getHeader("X-Request-Id");
            if (id != null) {
                attributes.put("requestId", id);
            }
        }
        return attributes;
    }
}
