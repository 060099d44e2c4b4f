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

    /**
     * Extended operations that change nothing and answer what a read and a search of their resource type could
     * (computed from it): they need read and search, {@code rs}. Any other operation needs delete, the rarest one.
     */
    static final java.util.Set<String> READ_ONLY_OPERATIONS =
            java.util.Set.of("$care-gaps", "$evaluate-measure", "$data-requirements", "$everything");

    /**
     * The resource type whose records a read-only operation answers with, when it is not the type it is called on:
     * {@code Measure/$care-gaps} and {@code Measure/$evaluate-measure} answer with MeasureReports (member data), so
     * they need the MeasureReport scope as well as the Measure one.
     */
    static final java.util.Map<String, String> ANSWERS =
            java.util.Map.of("$care-gaps", "MeasureReport", "$evaluate-measure", "MeasureReport");

    /** HAPI's operation name with its {@code $}, or null. */
    static String operationName(String operation) {
        if (operation == null || operation.isEmpty()) return null;
        return operation.startsWith("$") ? operation : "$" + operation;
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

    /**
     * The SMART permissions an interaction needs, all of them: one for a read, search, create, update or delete
     * ({@link #permission}); {@code rs} for a {@linkplain #READ_ONLY_OPERATIONS read-only extended operation}
     * ({@code operationName} as HAPI gives it, {@code $care-gaps}); {@code d} for any other operation.
     */
    static String permissions(RestOperationTypeEnum operation, String operationName) {
        boolean extended = operation == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || operation == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE;
        if (extended) {
            String name = operationName(operationName);
            return name != null && READ_ONLY_OPERATIONS.contains(name) ? "rs" : "d";
        }
        return String.valueOf(permission(operation));
    }
}
