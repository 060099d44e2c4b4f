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
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    NotificationDispatcher(JdbcClient jdbc, ObjectProvider<NotificationAdapter> adapters, ClusterJobs jobs,
            JdbcCenters centers, Notifications notifications,
            org.springframework.transaction.PlatformTransactionManager transactionManager) {
        this.notifications = notifications;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
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
        // through the template: a call on this from the job would bypass the @Transactional proxy
        jobs.runOnce("centers-reminders", Duration.ofMinutes(5), Duration.ofSeconds(30),
                () -> transactions.execute(tx -> queueReminders()));
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

    record Pending(long id, String channel, String recipient, String subject, String body, String calendar) {
    }

    /**
     * Sends up to 500 pending messages, each in its own transaction, so one failing message (or adapter) neither
     * blocks nor undoes the others; a message failing five times is marked failed. Returns how many were sent.
     */
    public int dispatch() {
        List<Long> ids = jdbc.sql("select id from centers.notification where status = 'pending' order by id limit 500")
                .query(Long.class).list();
        int sent = 0;
        for (long id : ids) {
            try {
                Boolean ok = transactions.execute(tx -> sendOne(id));
                if (Boolean.TRUE.equals(ok)) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // the cause's message may quote the row (an address): log the type and SQL state only
                String state = "-";
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof java.sql.SQLException sql) {
                        state = sql.getSQLState();
                    }
                }
                log.warn("Notification {} failed: {} (SQL state {})", id, e.getClass().getSimpleName(), state);
                transactions.executeWithoutResult(tx -> jdbc.sql("""
                        update centers.notification set attempts = attempts + 1,
                          status = case when attempts >= 4 then 'failed' else 'pending' end where id = ?""")
                        .param(id).update());
            }
        }
        return sent;
    }

    private boolean sendOne(long id) {
        var pending = jdbc.sql("""
                select id, channel, recipient, subject, body, calendar from centers.notification
                where id = ? and status = 'pending' for update skip locked""").param(id)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6))).optional();
        if (pending.isEmpty()) {
            return false; // sent meanwhile by another instance
        }
        Pending p = pending.get();
        NotificationAdapter adapter = adapters.stream().filter(a -> a.handles(p.channel())).findFirst().orElseThrow();
        adapter.send(p.id(), p.channel(), p.recipient(), p.subject(), p.body(), p.calendar());
        jdbc.sql("update centers.notification set status = 'sent', adapter = ?, attempts = attempts + 1, sent_at = now() where id = ?")
                .params(adapter.name(), p.id()).update();
        return true;
    }
}
