package org.commonweal.insights.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.commonweal.platform.ClusterJobs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled refreshes, each run by one instance of the cluster: every family nightly, and the families whose
 * source sent an event, once the events have been quiet for the debounce time (a burst of registrations at a class
 * costs one refresh).
 */
@Component
public class RefreshJobs {

    static final String NIGHTLY = "insights-refresh";
    static final String PENDING = "insights-refresh-pending";

    private final ClusterJobs jobs;
    private final InsightsRefresh refresh;
    private final FigureStore store;
    private final Duration debounce;

    RefreshJobs(
            ClusterJobs jobs,
            InsightsRefresh refresh,
            FigureStore store,
            @Value("${commonweal.insights.debounce:PT30S}") Duration debounce) {
        this.jobs = jobs;
        this.refresh = refresh;
        this.store = store;
        this.debounce = debounce;
    }

    @Scheduled(cron = "${commonweal.insights.nightly-cron:0 20 3 * * *}", zone = "${commonweal.plan.time-zone}")
    public void nightly() {
        jobs.runOnce(NIGHTLY, Duration.ofHours(2), Duration.ofMinutes(5), () -> refresh.refreshAll("job:nightly"));
    }

    @Scheduled(fixedDelayString = "${commonweal.insights.pending-every:PT20S}", initialDelayString = "PT30S")
    public void pending() {
        jobs.runOnce(PENDING, Duration.ofMinutes(30), Duration.ofSeconds(5), () -> refreshPending(Instant.now()));
    }

    /** Refreshes the families asked for before {@code now} minus the debounce time; returns them. */
    public List<Family> refreshPending(Instant now) {
        List<Family> families = store.takePending(now.minus(debounce));
        families.stream().sorted().forEach(f -> refresh.refresh(f, "event"));
        return families;
    }
}
