package org.commonweal.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Request body limits per route and caller (issue #17), checked on the declared length before anything reads the
 * body: before the CSRF check (which would parse, and spool to disk, a multipart body) and before a controller reads
 * it. Anonymous forms get a few KB; signed-in staff the size of their attachments; the 834 upload is large, for the
 * roles that may upload it only; the machine APIs have their own limit ({@code /x12/270} reads its body with one
 * too). An anonymous form without a declared length (chunked) is refused with 411: browsers always declare it;
 * signed-in chunked uploads are bounded by the server-wide multipart limit.
 * Over the limit: 413.
 */
@Component
class RequestBodyLimits {

    private final long anonymous;
    private final long signedIn;
    private final long enrollmentFile;
    private final long api;

    RequestBodyLimits(
            @Value("${commonweal.limits.anonymous-body:16KB}") DataSize anonymous,
            @Value("${commonweal.limits.signed-in-body:50MB}") DataSize signedIn,
            @Value("${commonweal.limits.enrollment-file-body:2GB}") DataSize enrollmentFile,
            @Value("${commonweal.limits.api-body:1MB}") DataSize api) {
        this.anonymous = anonymous.toBytes();
        this.signedIn = signedIn.toBytes();
        this.enrollmentFile = enrollmentFile.toBytes();
        this.api = api.toBytes();
    }

    long browserLimit(HttpServletRequest request) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return anonymous;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the 834 enrollment upload (coverage ImportController), for the roles its access rules let in
        if (path.equals("/coverage/imports")
                && auth.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .anyMatch(a -> a.equals("ROLE_MEMBER_SERVICES") || a.equals("ROLE_ADMIN"))) {
            return enrollmentFile;
        }
        return signedIn;
    }

    long apiLimit() {
        return api;
    }

    OncePerRequestFilter browserFilter() {
        return filter(true);
    }

    /** The API chain: a flat limit; {@code /x12/270} is checked by its controller (X12 batches may be larger). */
    OncePerRequestFilter apiFilter() {
        return filter(false);
    }

    private OncePerRequestFilter filter(boolean browser) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String method = request.getMethod();
                if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
                    chain.doFilter(request, response);
                    return;
                }
                long length = request.getContentLengthLong();
                if (!browser && request.getRequestURI().endsWith("/x12/270")) {
                    chain.doFilter(request, response);
                    return;
                }
                long limit = browser ? browserLimit(request) : apiLimit();
                if (length < 0 && browser && limit == anonymous && isForm(request)) {
                    response.sendError(411, "A form must declare its length");
                    return;
                }
                if (length < 0 && !browser) {
                    // a chunked API body: counted as it is read
                    chain.doFilter(new LimitedRequest(request, limit), response);
                    return;
                }
                if (length > limit) {
                    response.setHeader("Connection", "close"); // do not read the rest of a body we refuse
                    response.sendError(
                            413,
                            "The request body is larger than "
                                    + DataSize.ofBytes(limit).toKilobytes() + " KB, the limit here");
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && (type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded"));
    }

    /** A request whose body stream fails once more than {@code limit} bytes have been read. */
    static final class LimitedRequest extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final long limit;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            var in = super.getInputStream();
            return new jakarta.servlet.ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws IOException {
                    read += n;
                    if (read > limit) {
                        throw new IOException("request body over the limit of " + limit + " bytes");
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    getInputStream(), getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }
}
