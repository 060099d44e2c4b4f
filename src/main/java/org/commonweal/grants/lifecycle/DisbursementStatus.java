package org.commonweal.grants.lifecycle;

import java.util.Set;

/** A tranche's status: scheduled, then approved, then paid; a paid tranche may be returned; an unpaid one cancelled. */
public enum DisbursementStatus {
    SCHEDULED,
    APPROVED,
    PAID,
    RETURNED,
    CANCELLED;

    public Set<DisbursementStatus> next() {
        return switch (this) {
            case SCHEDULED -> Set.of(APPROVED, CANCELLED);
            case APPROVED -> Set.of(PAID, CANCELLED);
            case PAID -> Set.of(RETURNED);
            case RETURNED, CANCELLED -> Set.of();
        };
    }

    public DisbursementStatus moveTo(DisbursementStatus target) {
        if (!next().contains(target)) {
            throw new GrantRuleViolation("A " + name().toLowerCase() + " payment cannot be "
                    + target.name().toLowerCase() + ".");
        }
        return target;
    }

    /** Money committed to the grantee: approved for payment or already paid (and not returned). */
    public boolean commits() {
        return this == APPROVED || this == PAID;
    }

    /** Counts against the award when planning the schedule. */
    public boolean planned() {
        return this == SCHEDULED || commits();
    }
}
