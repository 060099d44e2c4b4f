package org.commonweal.fhir.internal;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.commonweal.fhir.FhirInterceptor;
import org.commonweal.identity.ApiScope;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Every FHIR interaction on a protected resource type (one named by a SMART {@code system/} scope in
 * {@link ApiScope}) needs a granted scope that covers it: {@code system/Patient.rs} covers read and search of
 * Patient, {@code .c} create, and so on (SMART v2 permissions c, r, u, d, s). Types no scope names (the public
 * Plan-Net directory) are left to the API filter chain. Refusals are 403 OperationOutcomes.
 */
@Component
class SmartScopeInterceptor implements FhirInterceptor {

    private static final Set<String> PROTECTED_TYPES = Arrays.stream(ApiScope.values()).filter(ApiScope::fhir)
            .map(s -> SmartScope.parse(s.value()).resourceType()).collect(Collectors.toUnmodifiableSet());

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkScope(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        if (type == null || !PROTECTED_TYPES.contains(type)) {
            return;
        }
        char needed = SmartScope.permission(operation);
        var auth = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed = auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_system/"))
                .map(a -> SmartScope.parse(a.substring("SCOPE_".length())))
                .anyMatch(scope -> scope != null && scope.allows(type, needed));
        if (!allowed) {
            throw new ForbiddenOperationException("the access token has no scope for " + type + " ("
                    + operation.getCode() + "); ask for system/" + type + "." + needed);
        }
    }
}
