package org.commonweal.identity;

import java.util.Set;

/** A login was created, by {@code createdBy} (a user, or {@code system} for commands and demo seeding). */
public record UserAccountCreated(String username, Set<Role> roles, String createdBy) {}
