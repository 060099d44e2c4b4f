package org.commonweal.centers;

import java.time.Instant;

/** A person's place on a session: a seat, a place on the waitlist, or an offer of a freed seat. */
public record Registration(
        long id,
        long sessionId,
        long participantId,
        RegistrationStatus status,
        String confirmationCode,
        long arrival,
        Instant offeredUntil,
        Instant checkedInAt,
        Instant createdAt) {}
