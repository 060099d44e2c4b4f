package org.commonweal.coverage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Members whose record or enrollment changed after an instant, with where they live now: lets a module that keeps
 * results per member (network adequacy) update only them instead of reading every member again.
 */
public interface MemberChanges {

    /**
     * Streams every member with a change after {@code since} (a history entry, an update of the member row or of one
     * of their spans), in member-id order: residence now, and the product line of the span covering {@code date}
     * ({@code null} when the member is not covered that day). Audited once as a bulk read by {@code actor}.
     */
    void forEachChangedSince(
            Instant since, LocalDate date, String actor, String purpose, Consumer<MemberResidence> consumer);
}
