package org.commonweal.centers;

import java.util.EnumSet;
import java.util.Set;

/**
 * The registration status machine (after pretix and CiviCRM events). A seat is held by {@code REGISTERED} and
 * {@code OFFERED}; {@code WAITLISTED} waits in arrival order; {@code CANCELLED}, {@code ATTENDED} and
 * {@code NO_SHOW} are final.
 */
public enum RegistrationStatus {
    REGISTERED("registered"),
    WAITLISTED("waitlisted"),
    OFFERED("offered"),
    CANCELLED("cancelled"),
    ATTENDED("attended"),
    NO_SHOW("no-show");

    private final String code;

    RegistrationStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static RegistrationStatus of(String code) {
        for (RegistrationStatus s : values()) {
            if (s.code.equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown registration status '" + code + "'");
    }

    /** Whether this status holds one of the session's seats. */
    public boolean holdsSeat() {
        return this == REGISTERED || this == OFFERED;
    }

    public boolean isFinal() {
        return this == CANCELLED || this == ATTENDED || this == NO_SHOW;
    }

    public Set<RegistrationStatus> next() {
        return switch (this) {
            case REGISTERED -> EnumSet.of(CANCELLED, ATTENDED, NO_SHOW);
            case WAITLISTED -> EnumSet.of(OFFERED, REGISTERED, CANCELLED);
            case OFFERED -> EnumSet.of(REGISTERED, CANCELLED);
            case CANCELLED, ATTENDED, NO_SHOW -> EnumSet.noneOf(RegistrationStatus.class);
        };
    }

    public boolean canBecome(RegistrationStatus target) {
        return next().contains(target);
    }

    /** The status after a change, or a {@link RegistrationException} naming the forbidden step. */
    public RegistrationStatus moveTo(RegistrationStatus target) {
        if (!canBecome(target)) {
            throw new RegistrationException("status", "a " + code + " registration cannot become " + target.code);
        }
        return target;
    }

    /** Where a new registrant goes: a seat while {@code taken < capacity}, else the waitlist. */
    public static RegistrationStatus forArrival(int capacity, int taken) {
        return taken < capacity ? REGISTERED : WAITLISTED;
    }
}
