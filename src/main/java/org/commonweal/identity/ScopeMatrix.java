package org.commonweal.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The scope × endpoint table of {@code docs/security.md}, generated from {@link ApiScope} (a test keeps the document
 * and this output equal, and walks the same endpoints with real tokens).
 */
public final class ScopeMatrix {

    private ScopeMatrix() {
    }

    public static String markdown() {
        var out = new StringBuilder();
        out.append("| Endpoint | ").append(Arrays.stream(ApiScope.values()).map(s -> "`" + s.value() + "`")
                .collect(Collectors.joining(" | "))).append(" |\n");
        out.append("|---|").append("---|".repeat(ApiScope.values().length)).append("\n");
        for (ApiScope scope : ApiScope.values()) {
            for (ApiScope.Endpoint endpoint : scope.endpoints()) {
                out.append("| `").append(endpoint.method()).append(' ').append(endpoint.path()).append("` | ")
                        .append(Arrays.stream(ApiScope.values()).map(s -> s == scope ? "✓" : "403")
                                .collect(Collectors.joining(" | ")))
                        .append(" |\n");
            }
        }
        out.append("\n| Scope | Grants |\n|---|---|\n");
        for (ApiScope scope : ApiScope.values()) {
            out.append("| `").append(scope.value()).append("` | ").append(scope.description()).append(" |\n");
        }
        return out.toString();
    }
}
