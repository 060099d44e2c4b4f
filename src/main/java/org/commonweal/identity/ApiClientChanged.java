package org.commonweal.identity;

/** An API client was registered, had its secret rotated, or was disabled, by {@code actor}. */
public record ApiClientChanged(long clientId, String clientName, Change change, String actor) {

    public enum Change {
        REGISTERED,
        SECRET_ROTATED,
        DISABLED
    }
}
