package org.commonweal.network.fhir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.PlanIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every night, one instance of the cluster writes the Plan-Net bulk files under the data directory. */
@Component
class DailyPlanNetExport {

    private static final Logger log = LoggerFactory.getLogger(DailyPlanNetExport.class);

    private final ClusterJobs jobs;
    private final PlanNetExport export;
    private final Path root;

    private final ZoneId zone;

    DailyPlanNetExport(
            ClusterJobs jobs,
            PlanNetExport export,
            @Value("${commonweal.data-dir}") String dataDir,
            PlanIdentity plan) {
        this.zone = plan.timeZone();
        this.jobs = jobs;
        this.export = export;
        this.root = Path.of(dataDir, "exports", "plannet");
    }

    @Scheduled(cron = "0 30 2 * * *", zone = "${commonweal.plan.time-zone}")
    void nightly() {
        jobs.runOnce("network-plannet-export", Duration.ofHours(1), Duration.ofMinutes(5), () -> {
            var result = export.export(root.resolve(LocalDate.now(zone).toString()));
            log.info("Plan-Net bulk export: {} in {} ms", result.counts(), result.millis());
        });
    }
}
