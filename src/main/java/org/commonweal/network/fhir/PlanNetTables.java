package org.commonweal.network.fhir;

import static org.commonweal.network.fhir.SearchParam.bool;
import static org.commonweal.network.fhir.SearchParam.near;
import static org.commonweal.network.fhir.SearchParam.period;
import static org.commonweal.network.fhir.SearchParam.reference;
import static org.commonweal.network.fhir.SearchParam.references;
import static org.commonweal.network.fhir.SearchParam.string;
import static org.commonweal.network.fhir.SearchParam.token;
import static org.commonweal.network.fhir.SearchParam.tokens;

import java.util.Map;
import java.util.Optional;

/** The eight Plan-Net 1.1.0 resource types with every SHALL search parameter, include and revinclude. */
final class PlanNetTables {

    static final Map<String, ResourceTable> TABLES = Map.of(
            "Practitioner",
                    ResourceTable.of("Practitioner", "network.practitioner")
                            .visible("not $.suppressed")
                            .param(string("name", "$.family", "$.given", "($.given || ' ' || $.family)"))
                            .param(string("family", "$.family"))
                            .param(string("given", "$.given"))
                            .param(token("identifier", "$.npi"))
                            .param(token("gender", "$.gender"))
                            .param(bool("active", "$.active"))
                            .revincludes("PractitionerRole:practitioner")
                            .build(),
            "PractitionerRole",
                    ResourceTable.of("PractitionerRole", "network.practitioner_role")
                            .visible("not $.suppressed")
                            .param(reference("practitioner", "$.practitioner_id", "Practitioner"))
                            .param(reference("organization", "$.organization_id", "Organization"))
                            .param(reference("location", "$.location_id", "Location"))
                            .param(references("service", "$.service_ids", "HealthcareService"))
                            .param(references("network", "$.network_ids", "Organization"))
                            .param(references("endpoint", "$.endpoint_ids", "Endpoint"))
                            .param(token("role", "$.role_code"))
                            .param(token("specialty", "$.specialty"))
                            .param(bool("active", "$.active"))
                            .param(period("date", "$.period_start", "$.period_end"))
                            .param(period("period", "$.period_start", "$.period_end"))
                            // the forward chain location.address-postalcode, answered from the role's copy of its
                            // location's postal code (V2026.11.30.201) by a btree range instead of a join
                            .param(string("location.address-postalcode", "$.loc_postal_code"))
                            .includes("practitioner", "organization", "location", "service", "network", "endpoint")
                            .build(),
            "Location",
                    ResourceTable.of("Location", "network.location")
                            .param(reference("partof", "$.part_of", "Location"))
                            .param(reference("organization", "$.organization_id", "Organization"))
                            .param(references("endpoint", "$.endpoint_ids", "Endpoint"))
                            .param(string("address", "$.line", "$.city", "$.state", "$.postal_code"))
                            .param(string("address-city", "$.city"))
                            .param(string("address-state", "$.state"))
                            .param(string("address-postalcode", "$.postal_code"))
                            .param(token("type", "$.type_code"))
                            .param(string("name", "$.name"))
                            .param(near("$.latitude", "$.longitude"))
                            .includes("endpoint", "organization", "partof")
                            .revincludes(
                                    "HealthcareService:location",
                                    "InsurancePlan:coverage-area",
                                    "OrganizationAffiliation:location",
                                    "PractitionerRole:location")
                            .build(),
            "Organization",
                    ResourceTable.of("Organization", "network.organization")
                            .param(reference("partof", "$.part_of", "Organization"))
                            .param(references("endpoint", "$.endpoint_ids", "Endpoint"))
                            .param(string("address", "$.line", "$.city", "$.state", "$.postal_code"))
                            .param(string("name", "$.name", "$.alias"))
                            .param(token("type", "$.type_code"))
                            .param(references("coverage-area", "$.coverage_area_ids", "Location"))
                            .param(token("identifier", "$.npi"))
                            .param(bool("active", "$.active"))
                            .includes("partof", "endpoint", "coverage-area")
                            .revincludes(
                                    "Endpoint:organization",
                                    "HealthcareService:organization",
                                    "InsurancePlan:administered-by",
                                    "InsurancePlan:owned-by",
                                    "OrganizationAffiliation:primary-organization",
                                    "OrganizationAffiliation:participating-organization",
                                    "PractitionerRole:organization",
                                    "PractitionerRole:network")
                            .build(),
            "OrganizationAffiliation",
                    ResourceTable.of("OrganizationAffiliation", "network.organization_affiliation")
                            .param(reference("primary-organization", "$.primary_organization_id", "Organization"))
                            .param(reference(
                                    "participating-organization", "$.participating_organization_id", "Organization"))
                            .param(references("location", "$.location_ids", "Location"))
                            .param(references("service", "$.service_ids", "HealthcareService"))
                            .param(references("network", "$.network_ids", "Organization"))
                            .param(references("endpoint", "$.endpoint_ids", "Endpoint"))
                            .param(token("role", "$.role_code"))
                            .param(tokens("specialty", "$.specialty_codes"))
                            .param(bool("active", "$.active"))
                            .includes(
                                    "primary-organization",
                                    "participating-organization",
                                    "location",
                                    "service",
                                    "network",
                                    "endpoint")
                            .build(),
            "HealthcareService",
                    ResourceTable.of("HealthcareService", "network.healthcare_service")
                            .param(references("location", "$.location_ids", "Location"))
                            .param(references("coverage-area", "$.coverage_area_ids", "Location"))
                            .param(reference("organization", "$.organization_id", "Organization"))
                            .param(references("endpoint", "$.endpoint_ids", "Endpoint"))
                            .param(string("name", "$.name"))
                            .param(token("service-category", "$.category_code"))
                            .param(tokens("service-type", "$.type_codes"))
                            .param(tokens("specialty", "$.specialty_codes"))
                            .param(bool("active", "$.active"))
                            .includes("location", "coverage-area", "organization", "endpoint")
                            .revincludes("PractitionerRole:service", "OrganizationAffiliation:service")
                            .build(),
            "InsurancePlan",
                    ResourceTable.of("InsurancePlan", "network.insurance_plan")
                            .param(reference("administered-by", "$.administered_by", "Organization"))
                            .param(reference("owned-by", "$.owned_by", "Organization"))
                            .param(references("coverage-area", "$.coverage_area_ids", "Location"))
                            .param(string("name", "$.name"))
                            .param(token("plan-type", "$.plan_type_code"))
                            .param(token("identifier", "$.identifier"))
                            .param(token("type", "$.type_code"))
                            .includes("administered-by", "owned-by", "coverage-area")
                            .build(),
            "Endpoint",
                    ResourceTable.of("Endpoint", "network.endpoint")
                            .param(reference("organization", "$.organization_id", "Organization"))
                            .param(token("connection-type", "$.connection_type"))
                            .param(token("status", "$.status"))
                            .includes("organization")
                            .build());

    private PlanNetTables() {}

    static Optional<ResourceTable> table(String type) {
        return Optional.ofNullable(TABLES.get(type));
    }

    static ResourceTable require(String type) {
        return table(type).orElseThrow(() -> new IllegalArgumentException("not a directory resource: " + type));
    }
}
