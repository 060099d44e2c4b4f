package org.commonweal.quality.claims;

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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Polls {@code COMMONWEAL_DATA_DIR/inbox/837} on one instance of the cluster, like the 834's inbox: each file is
 * imported as {@code inbox:837} (the member look-ups are audited under that name), then moved to {@code processed/}
 * (or {@code rejected/} when refused whole, with the reason beside it in {@code <name>.refused.txt}), with its 999
 * beside it. A file that stopped part way (a crash) is sent
 * again by putting it back: the import resumes after its last committed chunk.
 */
@Component
public class Inbox837 {

    static final String ACTOR = "inbox:837";

    private static final Logger log = LoggerFactory.getLogger(Inbox837.class);

    private final ClaimImport importer;
    private final ClusterJobs jobs;
    private final InboxFolder inbox;

    Inbox837(ClaimImport importer, ClusterJobs jobs, RuntimeMode mode) {
        this.importer = importer;
        this.jobs = jobs;
        this.inbox = InboxFolder.of(mode, "837");
    }

    public Path inbox() {
        return inbox.folder();
    }

    @Scheduled(fixedDelayString = "${commonweal.quality.inbox-poll:PT1M}", initialDelayString = "PT40S")
    void scheduled() {
        jobs.runOnce("quality-837-inbox", Duration.ofHours(2), Duration.ofSeconds(20), this::pollOnce);
    }

    /** Imports every file waiting in the inbox, oldest first; returns the reports. */
    public List<ClaimImportReport> pollOnce() {
        List<ClaimImportReport> reports = new ArrayList<>();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(ACTOR, null));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            for (Path file : inbox.waiting()) {
                var report = importer.importFile(file, file.getFileName().toString(), ACTOR);
                if (report.busy()) {
                    // another instance is importing the same content right now: the next round finds it stored
                    log.info(
                            "837 inbox: {} is being imported by another instance; left for the next round",
                            file.getFileName());
                    continue;
                }
                // a refused file gets its reason beside it; a stored one its 999
                Path target = report.refused()
                        ? inbox.done(file, true, report.refusal() + "\n", "refused.txt")
                        : inbox.done(
                                file,
                                false,
                                importer.acknowledgment(report.fileId()).orElse(null),
                                "999");
                if (report.refused()) {
                    log.info("837 inbox: a file was refused ({})", target.getFileName());
                } else {
                    log.info(
                            "837 inbox: file {} imported, {} claims, {} rejected",
                            report.fileId(),
                            report.accepted(),
                            report.rejects().size());
                }
                reports.add(report);
            }
        } catch (IOException e) {
            log.warn("837 inbox: {}", e.getClass().getSimpleName());
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        return reports;
    }
}
