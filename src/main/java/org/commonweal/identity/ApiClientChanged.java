package org.commonweal.identity;

/** An API client's token was issued or revoked, by {@code actor}. */
public record ApiClientChanged(long clientId, String clientName, boolean revoked, String actor) {
}
