package org.commonweal.grants.lifecycle;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The letter-of-intent step of a cycle that requires one: a letter is accepted until the LOI deadline; staff invite
 * the organization or decline (a decline needs a reason); only an invited organization may start a full application.
 */
public final class LetterOfIntentRules {

    public enum Status {
        SUBMITTED,
        INVITED,
        DECLINED
    }

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a z", Locale.US);

    private LetterOfIntentRules() {}

    /** Throws unless a letter may be sent at {@code now} for a cycle with these settings. */
    public static void requireLetterAccepted(
            boolean loiRequired, Instant loiClosesAt, Instant now, java.time.ZoneId zone) {
        if (!loiRequired) {
            throw new GrantRuleViolation("This funding cycle does not ask for a letter of intent; apply directly.");
        }
        if (!now.isBefore(loiClosesAt)) {
            throw new GrantRuleViolation("The letter of intent deadline was " + SHOWN.format(loiClosesAt.atZone(zone))
                    + "; late letters are not accepted.");
        }
    }

    /** The status after a staff decision; only a letter awaiting one can be decided, and a decline needs a reason. */
    public static Status decide(Status current, boolean invite, String reason) {
        if (current != Status.SUBMITTED) {
            throw new GrantRuleViolation(
                    "This letter of intent has already been " + current.name().toLowerCase(Locale.ROOT) + ".");
        }
        if (!invite && (reason == null || reason.isBlank())) {
            throw new GrantRuleViolation(
                    "Give the reason for declining the letter of intent; the organization sees it.");
        }
        return invite ? Status.INVITED : Status.DECLINED;
    }

    /**
     * Throws, naming the reason, unless an organization whose letter is {@code status} (null: none sent) may start a
     * full application in a cycle that requires a letter of intent.
     */
    public static void requireInvitation(Status status, String declineReason) {
        if (status == null) {
            throw new GrantRuleViolation(
                    "This funding cycle requires a letter of intent first, and your organization has not sent one.");
        }
        switch (status) {
            case INVITED -> {}
            case SUBMITTED ->
                throw new GrantRuleViolation(
                        "Your letter of intent is still being reviewed; you can apply once CHIF staff invite you.");
            case DECLINED ->
                throw new GrantRuleViolation("Your letter of intent was declined"
                        + (declineReason == null || declineReason.isBlank() ? "" : ": " + declineReason.trim())
                        + "; only invited organizations may apply to this cycle.");
        }
    }
}
