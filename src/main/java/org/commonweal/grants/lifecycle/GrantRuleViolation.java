package org.commonweal.grants.lifecycle;

/** A grants rule refused an action; the message says why in words a user can act on (shown as a 422). */
public class GrantRuleViolation extends RuntimeException {

    public GrantRuleViolation(String message) {
        super(message);
    }
}
