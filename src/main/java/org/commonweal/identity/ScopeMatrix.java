package org.commonweal.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scope × endpoint tables of {@code docs/security.md}, generated from {@link ApiScope} and {@link MemberAppScope}
 * (a test keeps the document and this output equal; others walk the same endpoints with real tokens).
 */
public final class ScopeMatrix {

    private ScopeMatrix() {}

    public static String markdown() {
        var out = new StringBuilder();
        out.append("| Endpoint | ")
                .append(Arrays.stream(ApiScope.values())
                        .map(s -> "`" + s.value() + "`")
                        .collect(Collectors.joining(" | ")))
                .append(" |\n");
        out.append("|---|").append("---|".repeat(ApiScope.values().length)).append("\n");
        for (ApiScope scope : ApiScope.values()) {
            for (ApiScope.Endpoint endpoint : scope.endpoints()) {
                out.append("| `")
                        .append(endpoint.method())
                        .append(' ')
                        .append(endpoint.path())
                        .append("` | ")
                        .append(Arrays.stream(ApiScope.values())
                                .map(s -> s == scope ? "✓" : "403")
                                .collect(Collectors.joining(" | ")))
                        .append(" |\n");
            }
        }
        out.append("\n| Scope | Grants |\n|---|---|\n");
        for (ApiScope scope : ApiScope.values()) {
            out.append("| `")
                    .append(scope.value())
                    .append("` | ")
                    .append(scope.description())
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The member apps' scopes (SMART App Launch), from {@link MemberAppScope}. */
    public static String patientMarkdown() {
        var out = new StringBuilder(
                "| Scope | Grants | Endpoints (own records only; anyone else's: 403) |\n|---|---|---|\n");
        for (MemberAppScope scope : MemberAppScope.values()) {
            out.append("| `")
                    .append(scope.value())
                    .append("` | ")
                    .append(scope.grants())
                    .append(" | ")
                    .append(scope.endpoints())
                    .append(" |\n");
        }
        return out.toString();
    }
}
