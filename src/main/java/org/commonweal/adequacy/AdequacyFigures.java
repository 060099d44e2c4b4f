package org.commonweal.adequacy;

import java.time.LocalDate;
import java.util.List;

/** Adequacy results of the latest (or a given) stored run, summed by place and provider type in the database. */
public interface AdequacyFigures {

    /**
     * The latest run's members and members within the standard per provider type, per SPA, per RCAC region and
     * county-wide (both null), summed over the run's product lines; empty when no run is stored.
     */
    List<TypeResult> latestRun();

    /** As {@link #latestRun()}, for the stored run {@code runId} (see {@link Adequacy#runs()}); empty when unknown. */
    List<TypeResult> run(long runId);

    record TypeResult(
            long runId,
            LocalDate measuredOn,
            Integer spa,
            Integer rcacRegion,
            String providerType,
            String providerTypeName,
            String providerTypeNameEs,
            long members,
            long met) {}
}
