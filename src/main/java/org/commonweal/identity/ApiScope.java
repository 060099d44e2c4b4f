package org.commonweal.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The scopes an API client may be granted, and the endpoints each one opens. This enum is the one source of the
 * scope list: the admin screen offers it, the authorization server accepts nothing else, the API chain and the FHIR
 * interceptor check it, and the scope × endpoint table in {@code docs/security.md} and its test are generated from
 * it. SMART v2 scopes ({@code system/Type.rs}) for FHIR; plain names for the non-FHIR APIs.
 */
public enum ApiScope {
    PATIENT_READ(
            "system/Patient.rs",
            "Member demographics (name, birth date, CIN, phone, address) by FHIR Patient id",
            new Endpoint("GET", "/fhir/Patient/{id}", "/fhir/Patient/{member}")),
    COVERAGE_READ(
            "system/Coverage.rs",
            "Coverage records: read by id, search by beneficiary or identifier",
            new Endpoint("GET", "/fhir/Coverage/{id}", "/fhir/Coverage/{coverage}"),
            new Endpoint("GET", "/fhir/Coverage?beneficiary=…", "/fhir/Coverage?beneficiary=Patient/{member}")),
    ELIGIBILITY_REQUEST_CREATE(
            "system/CoverageEligibilityRequest.c",
            "FHIR eligibility check: create a CoverageEligibilityRequest, get a CoverageEligibilityResponse",
            new Endpoint("POST", "/fhir/CoverageEligibilityRequest", "/fhir/CoverageEligibilityRequest")),
    MEASURE_READ(
            "system/Measure.rs",
            "Clinical quality measures the plan runs (CMS eCQMs as published): read by id, search",
            new Endpoint("GET", "/fhir/Measure", "/fhir/Measure")),
    MEASURE_REPORT_READ(
            "system/MeasureReport.rs",
            "Measure reports of the plan's runs: summary, subject list and individual; search by measure",
            new Endpoint("GET", "/fhir/MeasureReport?measure=…", "/fhir/MeasureReport?measure=CMS130")),
    CLINICAL_WRITE(
            "system/clinical.write",
            "Clinical data from providers: a FHIR transaction or batch Bundle of Patient-linked Encounter, Condition,"
                    + " Procedure, Observation, Immunization, Medication and DiagnosticReport resources, stored with the"
                    + " client as sender; nothing is read back",
            new Endpoint("POST", "/fhir (Bundle)", "/fhir")),
    ELIGIBILITY_READ(
            "eligibility.read",
            "JSON eligibility check by CIN and date of service",
            new Endpoint("GET", "/api/v1/eligibility", "/api/v1/eligibility?cin={cin}")),
    X12_270(
            "x12.270",
            "X12 270 eligibility inquiry, answered with a 271",
            new Endpoint("POST", "/x12/270", "/x12/270"));

    /** An endpoint opened by a scope; {@code sample} has placeholders a test fills with real ids. */
    public record Endpoint(String method, String path, String sample) {}

    private final String value;
    private final String description;
    private final List<Endpoint> endpoints;

    ApiScope(String value, String description, Endpoint... endpoints) {
        this.value = value;
        this.description = description;
        this.endpoints = List.of(endpoints);
    }

    /** The scope as written in a token request and in the token's {@code scope} claim. */
    public String value() {
        return value;
    }

    /** The Spring Security authority this scope becomes, for {@code hasAuthority(...)}. */
    public String authority() {
        return "SCOPE_" + value;
    }

    public String description() {
        return description;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    /** A SMART {@code system/} scope, as opposed to a non-FHIR API scope. */
    public boolean fhir() {
        return value.startsWith("system/");
    }

    public static Optional<ApiScope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
