package org.commonweal.engagement;

import java.time.LocalDate;

/**
 * Another module's answer to a referral (for example the centers module, after registering a referred person). The
 * engagement module listens for it and records the outcome on the referral.
 *
 * @param outcome {@code ACCEPTED} (registered or waitlisted), {@code COMPLETED} (attended), {@code UNABLE_TO_REACH} or
 *        {@code UNABLE_TO_PLACE} (the class is unknown or has no session to book)
 * @param externalReference the other module's id, for example the registration's confirmation code, or the reason
 *        when the referral could not be placed
 */
public record ReferralOutcomeReported(long referralId, String outcome, LocalDate on, String externalReference) {}
