package org.commonweal.identity.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limits (issue #17), token buckets of Bucket4j held in memory per instance: sign-in attempts and token
 * requests per client address, anonymous visitors of public pages and public APIs per address, API clients per
 * client id. Over the limit: 429 with {@code Retry-After} (seconds). Signed-in staff are not limited. Behind a load
 * balancer each instance counts on its own, so the cluster allows up to n times the figure (docs/security.md).
 */
@Component
class RateLimits {

    /** A limit: {@code perMinute} requests a minute, refilled smoothly, with a burst of the same size. */
    record Policy(String name, long perMinute) {}

    /** Which policy a request falls under, and for whom (address or client id); null for none. */
    record Subject(Policy policy, String key) {}

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(15))
            .build();
    final Policy signIn;
    final Policy tokenRequests;
    final Policy anonymous;
    final Policy apiClient;
    private final Set<String> exempt;

    RateLimits(
            @Value("${commonweal.limits.sign-in-per-minute:10}") long signIn,
            @Value("${commonweal.limits.token-requests-per-minute:60}") long tokenRequests,
            @Value("${commonweal.limits.anonymous-per-minute:300}") long anonymous,
            @Value("${commonweal.limits.api-client-per-minute:60000}") long apiClient,
            @Value("${commonweal.limits.exempt-addresses:}") Set<String> exempt) {
        this.signIn = new Policy("sign-in", signIn);
        this.tokenRequests = new Policy("token", tokenRequests);
        this.anonymous = new Policy("anonymous", anonymous);
        this.apiClient = new Policy("api-client", apiClient);
        this.exempt = Set.copyOf(
                exempt.stream().filter(StringUtils::hasText).map(String::strip).toList());
    }

    /** The browser chain: sign-in per address; anonymous visitors per address; staff not limited. */
    OncePerRequestFilter browserFilter() {
        return filter(request -> {
            if ("POST".equals(request.getMethod()) && path(request).equals("/login")) {
                return new Subject(signIn, request.getRemoteAddr());
            }
            return anonymousRequest() ? new Subject(anonymous, request.getRemoteAddr()) : null;
        });
    }

    /** The API chain, after authentication: a client per client id, anonymous callers of public APIs per address. */
    OncePerRequestFilter apiFilter() {
        return filter(request -> anonymousRequest()
                ? new Subject(anonymous, request.getRemoteAddr())
                : new Subject(
                        apiClient,
                        SecurityContextHolder.getContext().getAuthentication().getName()));
    }

    /** The authorization server chain: token requests per address. */
    OncePerRequestFilter tokenFilter() {
        return filter(request ->
                "POST".equals(request.getMethod()) ? new Subject(tokenRequests, request.getRemoteAddr()) : null);
    }

    private OncePerRequestFilter filter(Function<HttpServletRequest, Subject> classify) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                Subject subject = exempt.contains(request.getRemoteAddr()) ? null : classify.apply(request);
                if (subject != null) {
                    var probe = bucket(subject).tryConsumeAndReturnRemaining(1);
                    if (!probe.isConsumed()) {
                        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
                        response.setHeader("Retry-After", Long.toString(seconds));
                        response.sendError(429, "Too many requests; try again in " + seconds + " s");
                        return;
                    }
                }
                chain.doFilter(request, response);
            }
        };
    }

    private Bucket bucket(Subject subject) {
        return buckets.get(
                subject.policy().name() + '|' + subject.key(),
                k -> Bucket.builder()
                        .addLimit(Bandwidth.builder()
                                .capacity(subject.policy().perMinute())
                                .refillGreedy(subject.policy().perMinute(), Duration.ofMinutes(1))
                                .build())
                        .build());
    }

    private static boolean anonymousRequest() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
