package org.commonweal.centers.registration;

import java.time.Duration;
import java.util.List;
import org.commonweal.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The registrations' scheduled work, once per cluster every minute: offers past their deadline pass on, and sessions
 * starting within a day get their reminders queued (platform's outbox sends them).
 */
@Component
public class RegistrationJobs {

    private static final Logger log = LoggerFactory.getLogger(RegistrationJobs.class);

    private final JdbcClient jdbc;
    private final ClusterJobs jobs;
    private final JdbcCenters centers;
    private final Notifications notifications;
    private final TransactionTemplate transactions;

    RegistrationJobs(
            JdbcClient jdbc,
            ClusterJobs jobs,
            JdbcCenters centers,
            Notifications notifications,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.centers = centers;
        this.notifications = notifications;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(fixedDelayString = "${commonweal.centers.dispatch-every:PT1M}")
    void scheduled() {
        jobs.runOnce("centers-offer-expiry", Duration.ofMinutes(5), Duration.ofSeconds(30), () -> {
            int passed = centers.expireOffers();
            if (passed > 0) {
                log.info("{} unanswered waitlist offers passed on", passed);
            }
        });
        // through the template: a call on this from the job would bypass the @Transactional proxy
        jobs.runOnce(
                "centers-reminders",
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                () -> transactions.execute(tx -> queueReminders()));
    }

    /** Queues one reminder per registered person for sessions starting within the next 24 hours. */
    @Transactional
    public int queueReminders() {
        List<Long> due = jdbc.sql("""
                update centers.registration g set reminded_at = now() from centers.class_session s
                where s.id = g.session_id and g.status = 'registered' and g.reminded_at is null
                  and s.status = 'scheduled' and s.starts_at > now() and s.starts_at < now() + interval '24 hours'
                returning g.id""").query(Long.class).list();
        due.forEach(id -> notifications.registration(id, "reminder"));
        return due.size();
    }
}
