package org.commonweal.housing.outcomes;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.commonweal.housing.HudCodes;
import org.commonweal.housing.HudCodes.DestinationClass;

/**
 * Housing retention as Housing for Health counts it, in the spirit of HUD System Performance Measure 7b.2: a person
 * housed on a move-in date is retained at N months when, N months later, they are still in the project or have left
 * it for another permanent destination. People who died before the checkpoint leave the denominator; people whose
 * checkpoint has not arrived yet are not counted.
 */
final class RetentionRules {

    enum Retention {
        NOT_HOUSED,
        NOT_DUE,
        EXCLUDED,
        RETAINED,
        NOT_RETAINED
    }

    static final int DECEASED = 24;

    private RetentionRules() {}

    static Retention atMonths(LocalDate moveIn, LocalDate exitDate, Integer destination, int months, LocalDate asOf) {
        if (moveIn == null) {
            return Retention.NOT_HOUSED;
        }
        LocalDate checkpoint = moveIn.plusMonths(months);
        if (checkpoint.isAfter(asOf)) {
            return Retention.NOT_DUE;
        }
        if (exitDate == null || !exitDate.isBefore(checkpoint)) {
            return Retention.RETAINED;
        }
        if (destination != null && destination == DECEASED) {
            return Retention.EXCLUDED;
        }
        return destination != null && DestinationClass.of(destination) == DestinationClass.PERMANENT
                ? Retention.RETAINED
                : Retention.NOT_RETAINED;
    }

    /** A later stay. */
    record Stay(LocalDate entryDate, int projectType) {}

    /**
     * True when someone who left for a permanent destination is back in a homeless project (outreach, shelter,
     * transitional housing, safe haven, coordinated entry) within {@code months} of the exit.
     */
    static boolean returnedToHomelessness(LocalDate exitDate, Integer destination, List<Stay> laterStays, int months) {
        if (exitDate == null || destination == null || DestinationClass.of(destination) != DestinationClass.PERMANENT) {
            return false;
        }
        LocalDate until = exitDate.plusMonths(months);
        return laterStays.stream()
                .anyMatch(s -> s.entryDate().isAfter(exitDate)
                        && !s.entryDate().isAfter(until)
                        && HudCodes.isHomelessProjectType(s.projectType()));
    }

    /** Days from project start to housing move-in, or -1 when not moved in. */
    static long daysToMoveIn(LocalDate entryDate, LocalDate moveIn) {
        return moveIn == null ? -1 : ChronoUnit.DAYS.between(entryDate, moveIn);
    }
}
