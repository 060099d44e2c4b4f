package org.commonweal.grants.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * When a funding cycle accepts applications: from the start of its opening day (the plan's time, {@code zone}) until
 * the closing instant, exclusive. A submission at or after the deadline is refused with the deadline in the reason.
 */
public record SubmissionWindow(LocalDate opensOn, Instant closesAt, ZoneId zone) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("MMMM d, yyyy 'at' h:mm a z", Locale.US);

    public SubmissionWindow {
        if (opensOn.atStartOfDay(zone).toInstant().isAfter(closesAt)) {
            throw new IllegalArgumentException("a cycle cannot close before it opens");
        }
    }

    public boolean isOpen(Instant now) {
        return !now.isBefore(opensAt()) && now.isBefore(closesAt);
    }

    public Instant opensAt() {
        return opensOn.atStartOfDay(zone).toInstant();
    }

    /** Throws when an application submitted at {@code now} must be refused, naming the reason. */
    public void requireOpen(Instant now) {
        if (now.isBefore(opensAt())) {
            throw new GrantRuleViolation(
                    "This funding cycle opens on " + opensOn + "; applications cannot be submitted yet.");
        }
        if (!now.isBefore(closesAt)) {
            throw new GrantRuleViolation("The deadline was " + SHOWN.format(closesAt.atZone(zone))
                    + "; late applications are not accepted.");
        }
    }
}
