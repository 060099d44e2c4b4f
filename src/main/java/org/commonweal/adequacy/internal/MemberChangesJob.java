package org.commonweal.adequacy.internal;

import java.time.Duration;
import org.commonweal.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code commonweal.adequacy.member-refresh} (default 15 minutes), on one instance of the cluster: members
 * whose address, product line or coverage changed since the last run are measured again (only they) and an
 * incremental run is stored.
 */
@Component
class MemberChangesJob {

    static final String JOB = "adequacy-member-changes";
    /** Re-read changes stamped this long before the last read: an import's transaction stamps its start time. */
    static final Duration MARGIN = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(MemberChangesJob.class);

    private final AdequacyService service;
    private final ClusterJobs jobs;

    MemberChangesJob(AdequacyService service, ClusterJobs jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelayString = "${commonweal.adequacy.member-refresh:PT15M}", initialDelayString = "PT5M")
    boolean scheduled() {
        return jobs.runOnce(JOB, Duration.ofMinutes(30), Duration.ofMinutes(1), this::refresh);
    }

    void refresh() {
        service.membersChanged(MARGIN, "system:" + JOB)
                .ifPresent(run -> log.info("adequacy kept current after member changes: run {}", run.id()));
    }
}
