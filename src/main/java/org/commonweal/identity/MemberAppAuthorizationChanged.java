package org.commonweal.identity;

/**
 * A member authorized a third-party app (SMART App Launch consent) or took the authorization back, or an
 * administrator disabled the app, which ends every member's authorization of it.
 *
 * @param memberId the member's id (the launch patient), when the login is a member's
 * @param scopes the scopes granted (space separated), empty when revoked
 */
public record MemberAppAuthorizationChanged(
        String username, String memberId, String clientId, String appName, Change change, String scopes, String actor) {

    public enum Change {
        GRANTED,
        REVOKED
    }
}
