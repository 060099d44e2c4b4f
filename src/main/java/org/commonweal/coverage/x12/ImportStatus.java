package org.commonweal.coverage.x12;

import java.util.Arrays;

/** Where an 834 import stands; {@link #code()} is the value kept in {@code coverage.import_file.status}. */
public enum ImportStatus {
    /** Being applied (or interrupted: the next import of the same file resumes it). */
    RUNNING("running"),
    /** Applied. */
    COMPLETED("completed"),
    /** A full file applied whose reconcile waits for staff to approve it. */
    AWAITING_APPROVAL("awaiting-approval"),
    /** The envelope or the sender was refused; nothing applied. */
    REFUSED("refused"),
    /** The same ISA13 and content were imported before; nothing changed. */
    DUPLICATE("duplicate"),
    /** Stopped by an error while applying; what was committed stays and importing the same file again resumes it. */
    FAILED("failed");

    private final String code;

    ImportStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** Whether nothing of the file was applied. */
    public boolean refusedOrFailed() {
        return this == REFUSED || this == FAILED;
    }

    public static ImportStatus of(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown import status " + code));
    }

    @Override
    public String toString() {
        return code;
    }
}
