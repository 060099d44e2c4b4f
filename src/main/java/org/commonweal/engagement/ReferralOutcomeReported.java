package org.commonweal.engagement;

import java.time.LocalDate;

/**
 * Another module's answer to a referral (for example the centers module, after registering a referred person). The
 * engagement module listens for it and records the outcome on the referral.
 *
 * @param outcome {@code ACCEPTED} (registered), {@code COMPLETED} (attended) or {@code UNABLE_TO_REACH}
 * @param externalReference the other module's id, for example the registration id
 */
public record ReferralOutcomeReported(long referralId, String outcome, LocalDate on, String externalReference) {
}
