package org.commonweal.network.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.commonweal.fhir.FhirInterceptor;
import org.commonweal.identity.ApiAccessRules;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * The directory's share of the FHIR server: public (no login, every method, so that writes get a 405 rather than a
 * 401), read-only, and a CapabilityStatement that instantiates Plan-Net and lists exactly what is supported.
 */
@Component
class PlanNetServerRules implements ApiAccessRules, FhirInterceptor {

    static final String PLANNET_CAPABILITY =
            "http://hl7.org/fhir/us/davinci-pdex-plan-net/CapabilityStatement/plan-net";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    @Override
    public void configure(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules) {
        for (String type : PlanNetTables.TABLES.keySet()) {
            rules.requestMatchers("/fhir/" + type, "/fhir/" + type + "/**").permitAll();
        }
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
    public boolean rejectWrites(HttpServletRequest request) {
        if (READ_METHODS.contains(request.getMethod())) {
            return true;
        }
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String first = path.replaceFirst("^/", "").split("[/?_]", 2)[0];
        if (PlanNetTables.TABLES.containsKey(first)) {
            var e = new MethodNotAllowedException(
                    "The provider directory is read-only: " + request.getMethod() + " is not allowed on " + first,
                    RequestTypeEnum.GET);
            throw e;
        }
        return true;
    }

    /** HAPI fills in Bundle.total for returned bundles; Plan-Net searches give it only when _total asks. */
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean totalOnlyOnRequest(RequestDetails request, ResponseDetails response) {
        if (response.getResponseResource() instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.SEARCHSET
                && PlanNetTables.TABLES.containsKey(request.getResourceName())) {
            String[] total = request.getParameters().get("_total");
            if (total == null || total[0].equals("none")) {
                bundle.setTotalElement(null);
            }
        }
        return true;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated) {
        CapabilityStatement cs = (CapabilityStatement) generated;
        cs.addInstantiates(PLANNET_CAPABILITY);
        var rest = cs.getRestFirstRep();
        for (ResourceTable table : PlanNetTables.TABLES.values()) {
            CapabilityStatementRestResourceComponent resource = rest.getResource().stream()
                    .filter(r -> r.getType().equals(table.type()))
                    .findFirst()
                    .orElseGet(rest::addResource);
            resource.setType(table.type());
            resource.getSupportedProfile().clear();
            String profile = PlanNetMapper.SD + "plannet-" + table.type();
            resource.setProfile("http://hl7.org/fhir/StructureDefinition/" + table.type());
            resource.addSupportedProfile(profile);
            if (table.type().equals("Organization")) {
                resource.addSupportedProfile(PlanNetMapper.SD + "plannet-Network");
            }
            resource.getInteraction().clear();
            resource.addInteraction().setCode(TypeRestfulInteraction.READ);
            resource.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
            resource.setVersioning(CapabilityStatement.ResourceVersionPolicy.NOVERSION);
            resource.getSearchInclude().clear();
            table.includes().forEach(i -> resource.addSearchInclude(table.type() + ":" + i));
            resource.getSearchRevInclude().clear();
            table.revincludes().forEach(resource::addSearchRevInclude);
            resource.getSearchParam().clear();
            table.params().values().stream()
                    .filter(p -> !p.name().contains("."))
                    .sorted(java.util.Comparator.comparing(SearchParam::name))
                    .forEach(p -> resource.addSearchParam().setName(p.name()).setType(type(p)));
            resource.addSearchParam()
                    .setName("_has")
                    .setType(SearchParamType.SPECIAL)
                    .setDocumentation("Reverse chains, e.g. _has:PractitionerRole:practitioner:specialty");
        }
    }

    private static SearchParamType type(SearchParam p) {
        return switch (p.kind()) {
            case TOKEN, BOOLEAN -> SearchParamType.TOKEN;
            case STRING -> SearchParamType.STRING;
            case REFERENCE -> SearchParamType.REFERENCE;
            case DATE, PERIOD -> SearchParamType.DATE;
            case NEAR -> SearchParamType.SPECIAL;
        };
    }
}
