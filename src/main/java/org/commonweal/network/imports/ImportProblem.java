package org.commonweal.network.imports;

/** One rejected record: where, which field, and why. */
public record ImportProblem(long line, String field, String reason) {

    @Override
    public String toString() {
        return "line " + line + ", " + field + ": " + reason;
    }
}
