package org.commonweal.identity;

import java.util.Arrays;
import java.util.List;

/**
 * The scopes a member-authorized app (SMART App Launch) may ask for: the one list the authorization server offers
 * (registered apps, consent page), announces ({@code /.well-known/smart-configuration}) and {@code docs/security.md}
 * shows ({@link ScopeMatrix#patientMarkdown()}). A {@code patient/} scope reads only the token's own member; the
 * FHIR layer answers anyone else's record with 403.
 *
 * @param value the scope as OAuth carries it
 * @param grants what it gives the app, in words
 * @param endpoints what it opens, in words (markdown)
 */
public enum MemberAppScope {
    PATIENT_READ(
            "patient/Patient.rs", "The member's name, birth date, CIN, phone, address", "`GET /fhir/Patient/<own id>`"),
    COVERAGE_READ(
            "patient/Coverage.rs",
            "The member's coverage: plan, enrollment start and end",
            "`GET /fhir/Coverage/{id}` of their own spans, `GET /fhir/Coverage?beneficiary=Patient/<own id>`"),
    LAUNCH_PATIENT("launch/patient", "The member as launch context: `patient` in the token response", "—"),
    OPENID("openid", "An ID token (OpenID Connect) for the signed-in member", "—"),
    FHIR_USER("fhirUser", "`fhirUser` = `Patient/<id>` in the ID token", "—"),
    OFFLINE_ACCESS(
            "offline_access",
            "A refresh token (30 days, replaced at each use; ends when the member revokes "
                    + "the app): the app keeps reading without sending the member back to sign in",
            "`POST /oauth2/token` with `grant_type=refresh_token`");

    private final String value;
    private final String grants;
    private final String endpoints;

    MemberAppScope(String value, String grants, String endpoints) {
        this.value = value;
        this.grants = grants;
        this.endpoints = endpoints;
    }

    public String value() {
        return value;
    }

    public String grants() {
        return grants;
    }

    public String endpoints() {
        return endpoints;
    }

    /** Every scope value, in this order. */
    public static List<String> all() {
        return Arrays.stream(values()).map(MemberAppScope::value).toList();
    }
}
