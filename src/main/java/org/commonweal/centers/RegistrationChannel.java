package org.commonweal.centers;

/** Where a registration came from. */
public enum RegistrationChannel {
    PUBLIC,
    STAFF,
    KIOSK,
    ENGAGEMENT,
    DEMO;

    public String code() {
        return name().toLowerCase();
    }
}
