package org.commonweal.centers;

/** Published after a registration changes status (past tense: it happened). */
public record RegistrationChanged(
        long registrationId, long sessionId, RegistrationStatus from, RegistrationStatus to) {}
