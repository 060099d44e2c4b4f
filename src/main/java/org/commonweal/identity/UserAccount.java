package org.commonweal.identity;

import java.util.Set;

/** A login as other modules see it: no password, no lock state. */
public record UserAccount(
        long id, String username, String displayName, Set<Role> roles, String memberId, String organizationRef) {}
