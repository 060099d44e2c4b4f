package org.commonweal.coverage.x12;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.InboxFolder;
import org.commonweal.platform.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls {@code COMMONWEAL_DATA_DIR/inbox/834} on one instance of the cluster: each file is imported, then moved to
 * {@code processed/} (or {@code rejected/} when refused), with its 999 beside it.
 */
@Component
public class Inbox834 {

    private static final Logger log = LoggerFactory.getLogger(Inbox834.class);

    private final Enrollment834Import importer;
    private final ClusterJobs jobs;
    private final InboxFolder inbox;

    Inbox834(Enrollment834Import importer, ClusterJobs jobs, RuntimeMode mode) {
        this.importer = importer;
        this.jobs = jobs;
        this.inbox = InboxFolder.of(mode, "834");
    }

    public Path inbox() {
        return inbox.folder();
    }

    @Scheduled(fixedDelayString = "${commonweal.coverage.inbox-poll:PT1M}", initialDelayString = "PT30S")
    void scheduled() {
        jobs.runOnce("coverage-834-inbox", Duration.ofHours(2), Duration.ofSeconds(20), this::pollOnce);
    }

    /** Imports every file waiting in the inbox, oldest first; returns the reports. */
    public List<ImportReport> pollOnce() {
        List<ImportReport> reports = new ArrayList<>();
        try {
            for (Path file : inbox.waiting()) {
                ImportReport report =
                        importer.importFile(file, file.getFileName().toString(), "inbox:834", r -> {});
                Path target =
                        inbox.done(file, report.status().refusedOrFailed(), report.ack999(), report.ackExtension());
                log.info("834 inbox: import #{} {} ({})", report.id(), report.status(), target.getFileName());
                reports.add(report);
            }
        } catch (IOException e) {
            log.warn("834 inbox: {}", e.getMessage());
        }
        return reports;
    }
}
