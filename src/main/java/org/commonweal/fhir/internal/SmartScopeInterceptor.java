package org.commonweal.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.commonweal.fhir.FhirInterceptor;
import org.commonweal.identity.ApiScope;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Every FHIR interaction on a protected resource type (one named by a SMART {@code system/} scope in
 * {@link ApiScope}) needs a granted scope that covers it: {@code system/Patient.rs} covers read and search of
 * Patient, {@code .c} create, and so on (SMART v2 permissions c, r, u, d, s). Types no scope names (the public
 * Plan-Net directory) are left to the API filter chain. Refusals are 403 OperationOutcomes. A member app's token
 * (SMART App Launch: {@code patient/} scopes and a {@code patient} claim) reads only that member's own Patient and
 * Coverage: a read of another Patient, a search not limited to the member, or an answer holding anyone else's
 * record is refused.
 */
@Component
class SmartScopeInterceptor implements FhirInterceptor {

    private static final Set<String> PROTECTED_TYPES = Arrays.stream(ApiScope.values())
            .filter(ApiScope::fhir)
            .map(s -> SmartScope.parse(s.value()).resourceType())
            .collect(Collectors.toUnmodifiableSet());

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkScope(RequestDetails request, RestOperationTypeEnum operation) {
        String type = request.getResourceName();
        if (type == null || !PROTECTED_TYPES.contains(type)) {
            return;
        }
        String needed = SmartScope.permissions(operation, request.getOperation());
        var auth = SecurityContextHolder.getContext().getAuthentication();
        // a read-only operation answering with records of another type needs that type's scope too
        String answers =
                needed.equals("rs") ? SmartScope.ANSWERS.get(SmartScope.operationName(request.getOperation())) : null;
        if (answers != null && !granted(auth, "system", answers, needed)) {
            throw new ForbiddenOperationException("the access token has no scope for " + answers + " ("
                    + SmartScope.operationName(request.getOperation()) + " answers with it); ask for system/"
                    + answers + "." + needed);
        }
        if (granted(auth, "system", type, needed)) {
            return;
        }
        String patient = auth != null && auth.getPrincipal() instanceof Jwt jwt ? jwt.getClaimAsString(PATIENT) : null;
        if (patient == null || !granted(auth, "patient", type, needed)) {
            throw new ForbiddenOperationException("the access token has no scope for " + type + " ("
                    + operation.getCode() + "); ask for system/" + type + "." + needed);
        }
        // issue #17, SMART App Launch: a member app's token reaches only its member's own records
        request.getUserData().put(PATIENT, patient);
        boolean own = switch (operation) {
            case READ, VREAD ->
                !"Patient".equals(type) || patient.equals(request.getId().getIdPart());
            case SEARCH_TYPE ->
                "Patient".equals(type)
                        ? onlyThePatient(request, patient, "_id")
                        : onlyThePatient(request, patient, Coverage.SP_BENEFICIARY, Coverage.SP_PATIENT);
            default -> false;
        };
        if (!own) {
            throw new ForbiddenOperationException(OTHER_MEMBER);
        }
    }

    /**
     * After the provider answered a member app: every resource in the answer must be the member's own (a Coverage
     * read by id is only known to belong to someone once it is read).
     */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void checkOwnRecords(RequestDetails request, IBaseResource response) {
        Object patient = request.getUserData().get(PATIENT);
        if (patient == null || response == null) {
            return;
        }
        List<Resource> resources = response instanceof Bundle bundle
                ? bundle.getEntry().stream()
                        .map(Bundle.BundleEntryComponent::getResource)
                        .toList()
                : response instanceof Resource single ? List.of(single) : List.of();
        for (Resource resource : resources) {
            boolean own = switch (resource) {
                case Patient p -> patient.equals(p.getIdElement().getIdPart());
                case Coverage c ->
                    patient.equals(c.getBeneficiary().getReferenceElement().getIdPart());
                case OperationOutcome o -> true;
                default -> false;
            };
            if (!own) {
                throw new ForbiddenOperationException(OTHER_MEMBER);
            }
        }
    }

    private static final String PATIENT = "patient";
    private static final String OTHER_MEMBER = "a member app's token reads only its own member's records";

    /** Every permission in {@code needed} is granted by a scope of {@code context} (one scope or several). */
    private static boolean granted(Authentication auth, String context, String type, String needed) {
        if (auth == null) return false;
        var scopes = auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_" + context + "/"))
                .map(a -> SmartScope.parse(context, a.substring("SCOPE_".length())))
                .filter(java.util.Objects::nonNull)
                .toList();
        return needed.chars().allMatch(p -> scopes.stream().anyMatch(scope -> scope.allows(type, (char) p)));
    }

    /**
     * A search names the member through one of these parameters (as {@code Patient/id} or {@code id}), every
     * value of them is the member, and no other parameter than {@code _} ones and {@code status} selects records.
     */
    private static boolean onlyThePatient(RequestDetails request, String patient, String... names) {
        boolean named = false;
        for (var parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey().split(":")[0];
            if (Arrays.asList(names).contains(name)) {
                for (String value : parameter.getValue()) {
                    if (!patient.equals(new IdType(value).getIdPart())) {
                        return false;
                    }
                }
                named = true;
            } else if (!name.startsWith("_") && !name.equals(Coverage.SP_STATUS)) {
                return false;
            }
        }
        return named;
    }
}
