package org.commonweal.platform.internal;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.commonweal.platform.ClusterJobs;
import org.commonweal.platform.Outbox;
import org.commonweal.platform.OutboxAdapter;
import org.commonweal.platform.OutboxRetry;
import org.commonweal.platform.SmsConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Outbox} on {@code platform.outbox}; the bean is made by {@link OutboxConfiguration}. */
class JdbcOutbox implements Outbox {

    private static final Logger log = LoggerFactory.getLogger(JdbcOutbox.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final List<OutboxAdapter> adapters;
    private final ClusterJobs jobs;
    private final TransactionTemplate transactions;
    private final OutboxRetry retry;
    private final SmsConsent consent;

    /** Last error of an SMS not sent because its phone has no consent on record (never sent, never retried). */
    static final String NO_CONSENT = "no SMS consent";

    JdbcOutbox(
            JdbcClient jdbc,
            List<OutboxAdapter> adapters,
            ClusterJobs jobs,
            PlatformTransactionManager transactionManager,
            OutboxRetry retry,
            SmsConsent consent) {
        this.jdbc = jdbc;
        this.consent = consent;
        // provider adapters first, the log adapter last
        this.adapters = adapters.stream()
                .sorted(Comparator.comparing(a -> a.name().equals(LogOutboxAdapter.NAME)))
                .toList();
        this.jobs = jobs;
        this.transactions = new TransactionTemplate(transactionManager);
        this.retry = retry;
    }

    @Override
    public long queue(Message m) {
        return jdbc.sql("""
                insert into platform.outbox (module, channel, recipient, template, locale, subject, body, calendar)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(
                        m.module(),
                        m.channel().code(),
                        m.recipient(),
                        m.template(),
                        m.locale().getLanguage(),
                        m.subject(),
                        m.body(),
                        m.calendar())
                .query(Long.class)
                .single();
    }

    @Scheduled(fixedDelayString = "${commonweal.outbox.dispatch-every:PT1M}")
    void scheduled() {
        jobs.runOnce("outbox", Duration.ofMinutes(5), Duration.ofSeconds(30), this::dispatch);
    }

    @Override
    public int dispatch() {
        List<Long> ids = jdbc.sql("""
                select id from platform.outbox where status = 'pending' and next_attempt_at <= now()
                order by id limit ?""").param(BATCH).query(Long.class).list();
        int sent = 0;
        for (long id : ids) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> sendOne(id)))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                failed(id, e);
            }
        }
        return sent;
    }

    @Override
    public int discard(String module) {
        return transactions.execute(tx -> {
            jdbc.sql(
                            "delete from platform.outbox_log l using platform.outbox o where o.id = l.outbox_id and o.module = ?")
                    .param(module)
                    .update();
            return jdbc.sql("delete from platform.outbox where module = ?")
                    .param(module)
                    .update();
        });
    }

    private boolean sendOne(long id) {
        Optional<Delivery> pending = jdbc.sql("""
                select id, module, channel, recipient, subject, body, calendar from platform.outbox
                where id = ? and status = 'pending' for update skip locked""")
                .param(id)
                .query((rs, n) -> new Delivery(
                        rs.getLong(1),
                        rs.getString(2),
                        Channel.of(rs.getString(3)),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7)))
                .optional();
        if (pending.isEmpty()) {
            return false; // sent meanwhile by another instance
        }
        Delivery d = pending.get();
        if (d.channel() == Channel.SMS && !consent.allows(d.recipient())) {
            // no opt-in on record, or a STOP since it was queued: not sent, not retried
            jdbc.sql(
                            "update platform.outbox set status = 'failed', attempts = attempts + 1, last_error = ? where id = ?")
                    .params(NO_CONSENT, d.id())
                    .update();
            return false;
        }
        OutboxAdapter adapter = adapters.stream()
                .filter(a -> a.handles(d.channel()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no outbox adapter for " + d.channel()));
        adapter.send(d);
        jdbc.sql("""
                update platform.outbox set status = 'sent', adapter = ?, attempts = attempts + 1, sent_at = now(),
                  last_error = null where id = ?""").params(adapter.name(), d.id()).update();
        return true;
    }

    private void failed(long id, RuntimeException e) {
        // the cause's message may quote the row (an address): keep and log the type and SQL state only
        String state = "-";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                state = sql.getSQLState();
            }
        }
        String error = e.getClass().getSimpleName() + (state.equals("-") ? "" : " (SQL state " + state + ")");
        Optional<Duration> next = transactions.execute(tx -> {
            Integer attempts = jdbc.sql(
                            "select attempts from platform.outbox where id = ? and status = 'pending' for update")
                    .param(id)
                    .query(Integer.class)
                    .optional()
                    .orElse(null);
            if (attempts == null) {
                return Optional.<Duration>empty();
            }
            Optional<Duration> wait = retry.after(attempts + 1);
            jdbc.sql("""
                    update platform.outbox set attempts = attempts + 1, last_error = ?, status = ?,
                      next_attempt_at = now() + ? * interval '1 millisecond' where id = ?""")
                    .params(
                            error,
                            (wait.isPresent() ? Status.PENDING : Status.FAILED).code(),
                            wait.map(Duration::toMillis).orElse(0L),
                            id)
                    .update();
            return wait;
        });
        log.warn(
                "Outbox message {} failed: {}; {}",
                id,
                error,
                next.map(d -> "next attempt in " + d).orElse("no more attempts"));
    }
}
