package org.commonweal.grants.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.commonweal.grants.lifecycle.ReminderSchedule;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.PlanIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reminds grantees of reports coming due: every morning, once per cluster, each open reporting requirement of an
 * active award that is within one of the configured thresholds ({@code commonweal.grants.reminder-days}, default
 * 30, 7 and 0 days before it is due) or overdue gets one reminder per threshold and due date, queued on platform's
 * outbox for every contact of the organization. Re-running the same day queues nothing new; an extension starts a new series.
 */
@Component
class ReportReminders {

    private static final Logger log = LoggerFactory.getLogger(ReportReminders.class);

    private final JdbcClient jdbc;
    private final GrantsNotifications notifications;
    private final ClusterJobs jobs;
    private final TransactionTemplate transactions;
    private final ReminderSchedule schedule;

    private final java.time.ZoneId zone;

    ReportReminders(
            JdbcClient jdbc,
            GrantsNotifications notifications,
            ClusterJobs jobs,
            PlatformTransactionManager transactionManager,
            PlanIdentity plan,
            @Value("${commonweal.grants.reminder-days:30,7,0}") String reminderDays) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.schedule = ReminderSchedule.parse(reminderDays);
        this.zone = plan.timeZone();
    }

    @Scheduled(cron = "${commonweal.grants.reminders-cron:0 0 7 * * *}", zone = "${commonweal.plan.time-zone}")
    void scheduled() {
        run(LocalDate.now(zone));
    }

    /** The job as the scheduler runs it; returns whether this instance ran it (another may hold the lock). */
    boolean run(LocalDate today) {
        return jobs.runOnce("grants-report-reminders", Duration.ofMinutes(30), Duration.ofMinutes(1), () -> {
            long started = System.nanoTime();
            int reminded = transactions.execute(tx -> queue(today));
            if (reminded > 0) {
                log.info(
                        "Grants report reminders: {} requirements reminded in {} ms",
                        reminded,
                        (System.nanoTime() - started) / 1_000_000);
            }
        });
    }

    private record Open(
            long requirementId,
            long organizationId,
            String awardNumber,
            String kind,
            LocalDate due,
            String organizationName) {}

    /** Queues the reminders due on {@code today} that were not queued before; returns how many requirements. */
    int queue(LocalDate today) {
        List<Open> open = jdbc.sql("""
                select r.id, w.organization_id, w.award_number, r.kind, coalesce(r.extended_to, r.due_on) as due, o.legal_name
                from grants.report_requirement r join grants.award w on w.id = r.award_id
                join grants.organization o on o.id = w.organization_id
                where r.status in ('DUE', 'REVISION_REQUESTED') and w.status = 'ACTIVE'
                  and coalesce(r.extended_to, r.due_on) <= ? order by r.id""")
                .param(today.plusDays(schedule.horizon()))
                .query((rs, n) -> new Open(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6)))
                .list();
        int reminded = 0;
        for (Open r : open) {
            var threshold = schedule.threshold(r.due(), today);
            if (threshold.isEmpty()) {
                continue;
            }
            int fresh = jdbc.sql("""
                    insert into grants.report_reminder (requirement_id, threshold, due_on) values (?, ?, ?)
                    on conflict do nothing""")
                    .params(r.requirementId(), threshold.get(), r.due())
                    .update();
            if (fresh == 0) {
                continue;
            }
            boolean overdue = ReminderSchedule.OVERDUE.equals(threshold.get());
            notifications.toOrganization(
                    r.organizationId(),
                    overdue ? "reportOverdue" : "reportDue",
                    r.organizationName(),
                    r.kind().toLowerCase(java.util.Locale.ROOT),
                    r.awardNumber(),
                    r.due(),
                    java.time.temporal.ChronoUnit.DAYS.between(today, r.due()));
            reminded++;
        }
        return reminded;
    }
}
