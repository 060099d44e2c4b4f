package org.commonweal.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Requests that no controller, endpoint or static folder answers. Nothing is behind them to protect, so a visitor
 * who mistypes an address gets the "page not found" page rather than the sign-in page (issue #18). A path that
 * exists for another method counts as mapped (it keeps its rule).
 */
final class UnmappedRequests implements RequestMatcher {

    private final HandlerMappingIntrospector introspector;

    UnmappedRequests(HandlerMappingIntrospector introspector) {
        this.introspector = introspector;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        var probe = new PrivateAttributes(request);
        ServletRequestPathUtils.parseAndCache(probe);
        for (HandlerMapping mapping : introspector.getHandlerMappings()) {
            try {
                if (mapping.getHandler(probe) != null) {
                    return false;
                }
            } catch (Exception e) {
                return false; // for example the path exists for another method
            }
        }
        return true;
    }

    /** The look-up writes request attributes (patterns, path variables); they stay on this probe. */
    private static final class PrivateAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();

        PrivateAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            return Collections.enumeration(attributes.keySet());
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }
}
