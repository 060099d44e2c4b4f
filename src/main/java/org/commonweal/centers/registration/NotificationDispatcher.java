package org.commonweal.centers.registration;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.commonweal.platform.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends what the outbox holds, oldest first, through the first adapter for the channel that is not the log adapter,
 * else through the log adapter. Runs once per cluster every minute; offers past their deadline pass on here too.
 */
@Component
public class NotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final JdbcClient jdbc;
    private final List<NotificationAdapter> adapters;
    private final ClusterJobs jobs;
    private final JdbcCenters centers;
    private final Notifications notifications;

    NotificationDispatcher(JdbcClient jdbc, ObjectProvider<NotificationAdapter> adapters, ClusterJobs jobs,
            JdbcCenters centers, Notifications notifications) {
        this.notifications = notifications;
        this.jdbc = jdbc;
        // provider adapters first, the log adapter last
        this.adapters = adapters.stream().sorted(Comparator.comparing(a -> a.name().equals("log"))).toList();
        this.jobs = jobs;
        this.centers = centers;
    }

    @Scheduled(fixedDelayString = "${commonweal.centers.dispatch-every:PT1M}")
    void scheduled() {
        jobs.runOnce("centers-offer-expiry", Duration.ofMinutes(5), Duration.ofSeconds(30), () -> {
            int passed = centers.expireOffers();
            if (passed > 0) {
                log.info("{} unanswered waitlist offers passed on", passed);
            }
        });
        jobs.runOnce("centers-reminders", Duration.ofMinutes(5), Duration.ofSeconds(30), this::queueReminders);
        jobs.runOnce("centers-notifications", Duration.ofMinutes(5), Duration.ofSeconds(30), this::dispatch);
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

    record Pending(long id, String channel, String recipient, String subject, String body) {
    }

    /** Sends up to 500 pending messages; returns how many were sent. */
    @Transactional
    public int dispatch() {
        List<Pending> pending = jdbc.sql("""
                select id, channel, recipient, subject, body from centers.notification where status = 'pending'
                order by id limit 500 for update skip locked""")
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
        int sent = 0;
        for (Pending p : pending) {
            NotificationAdapter adapter = adapters.stream().filter(a -> a.handles(p.channel())).findFirst().orElseThrow();
            try {
                adapter.send(p.id(), p.channel(), p.recipient(), p.subject(), p.body());
                jdbc.sql("update centers.notification set status = 'sent', adapter = ?, attempts = attempts + 1, sent_at = now() where id = ?")
                        .params(adapter.name(), p.id()).update();
                sent++;
            } catch (RuntimeException e) {
                log.warn("Notification {} via {} failed: {}", p.id(), adapter.name(), e.getClass().getSimpleName());
                jdbc.sql("update centers.notification set attempts = attempts + 1, status = case when attempts >= 4 then 'failed' else 'pending' end where id = ?")
                        .param(p.id()).update();
            }
        }
        return sent;
    }
}
