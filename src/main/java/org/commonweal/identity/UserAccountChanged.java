package org.commonweal.identity;

/**
 * An administrator changed a login: its roles, enabled or disabled it, unlocked it or forced a password reset.
 *
 * @param change what changed, in words (never a password)
 */
public record UserAccountChanged(String username, String change, String changedBy) {}
