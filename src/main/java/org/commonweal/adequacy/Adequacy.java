package org.commonweal.adequacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What other modules and commands may ask of network adequacy. */
public interface Adequacy {

    /**
     * Measures every member covered on {@code date} (optionally one product line) against the standards, stores the
     * run and its results per ZIP, and keeps the snapshot for incremental updates.
     */
    RunSummary run(LocalDate date, String productLine, String actor);

    /** Runs, newest first. */
    List<RunSummary> runs();

    Optional<RunSummary> findRun(long id);

    /**
     * A location of a network product line ({@code medi-cal} …) was added or moved ({@code latitude}/{@code longitude}
     * given) or removed (null) for these NUCC taxonomy codes: patches the last run's snapshot and stores the result
     * as an incremental run; without a snapshot (after a restart) runs in full for the last run's date.
     */
    RunSummary locationChanged(
            String networkProductLine,
            List<String> taxonomyCodes,
            String locationId,
            Double latitude,
            Double longitude,
            String actor);

    /**
     * A stored run. {@code membersAsOf}: when its membership was read (member changes after it are applied by the
     * next incremental run); {@code notes}: what an incremental run applied and any product-line code left unmeasured
     * for want of a mapping.
     */
    record RunSummary(
            long id,
            LocalDate measuredOn,
            String productLine,
            String kind,
            Instant startedAt,
            Instant finishedAt,
            String startedBy,
            String travelModel,
            String parameters,
            String membershipFingerprint,
            String directoryFingerprint,
            long members,
            long membersUnlocated,
            long elapsedMs,
            Instant membersAsOf,
            String notes) {}
}
