package org.commonweal.fhir.internal;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.regex.Pattern;

/**
 * A SMART v2 {@code system/} (or {@code patient/}: {@link #parse(String, String)}) scope: a resource type (or
 * {@code *}) and the permissions it grants, in the order c r u d s. The v1 forms {@code .read} (= rs) and
 * {@code .write} (= cud) are understood too.
 */
record SmartScope(String resourceType, String permissions) {

    private static final Pattern V2 = Pattern.compile("([a-z]+)/([A-Za-z]+|\\*)\\.(c?r?u?d?s?)");
    private static final Pattern V1 = Pattern.compile("([a-z]+)/([A-Za-z]+|\\*)\\.(read|write|\\*)");

    /** The scope, or null when the text is not a system scope. */
    static SmartScope parse(String scope) {
        return parse("system", scope);
    }

    /** The scope, or null when the text is not a scope of this context ({@code system}, {@code patient}). */
    static SmartScope parse(String context, String scope) {
        if (!scope.startsWith(context + "/")) {
            return null;
        }
        var v2 = V2.matcher(scope);
        if (v2.matches() && !v2.group(3).isEmpty()) {
            return new SmartScope(v2.group(2), v2.group(3));
        }
        var v1 = V1.matcher(scope);
        if (v1.matches()) {
            return new SmartScope(
                    v1.group(2),
                    switch (v1.group(3)) {
                        case "read" -> "rs";
                        case "write" -> "cud";
                        default -> "cruds";
                    });
        }
        return null;
    }

    boolean allows(String type, char permission) {
        return (resourceType.equals("*") || resourceType.equals(type)) && permissions.indexOf(permission) >= 0;
    }

    /** The SMART permission an interaction needs; anything unforeseen needs the rarest one, delete. */
    static char permission(RestOperationTypeEnum operation) {
        return switch (operation) {
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE -> 'r';
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> 's';
            case CREATE -> 'c';
            case UPDATE, PATCH -> 'u';
            default -> 'd';
        };
    }
}
