package org.commonweal.grants.internal;

import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the grants outbox holds, oldest first, through a mail provider adapter when one is configured, else
 * through the log adapter. Each message in its own transaction; one failing five times is marked failed.
 */
@Component
class GrantsNotificationDispatcher {

    private static final Logger log = LoggerFactory.getLogger(GrantsNotificationDispatcher.class);

    private final JdbcClient jdbc;
    private final GrantsNotificationAdapter adapter;
    private final TransactionTemplate transactions;

    GrantsNotificationDispatcher(JdbcClient jdbc, ObjectProvider<GrantsNotificationAdapter> adapters,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        // a provider adapter first, the log adapter last
        this.adapter = adapters.stream().min(Comparator.comparing(a -> a.name().equals("log"))).orElseThrow();
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Sends up to 500 pending messages; returns how many were sent. */
    int dispatch() {
        List<Long> ids = jdbc.sql("select id from grants.notification where status = 'pending' order by id limit 500")
                .query(Long.class).list();
        int sent = 0;
        for (long id : ids) {
            try {
                if (Boolean.TRUE.equals(transactions.execute(tx -> sendOne(id)))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                // the message may quote an address: log the type only
                log.warn("Grants notification {} failed: {}", id, e.getClass().getSimpleName());
                transactions.executeWithoutResult(tx -> jdbc.sql("""
                        update grants.notification set attempts = attempts + 1,
                          status = case when attempts >= 4 then 'failed' else 'pending' end where id = ?""")
                        .param(id).update());
            }
        }
        return sent;
    }

    private boolean sendOne(long id) {
        record Pending(long id, String recipient, String subject, String body) {
        }
        var pending = jdbc.sql("""
                select id, recipient, subject, body from grants.notification
                where id = ? and status = 'pending' for update skip locked""").param(id)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).optional();
        if (pending.isEmpty()) {
            return false; // sent meanwhile by another instance
        }
        Pending p = pending.get();
        adapter.send(p.id(), p.recipient(), p.subject(), p.body());
        jdbc.sql("update grants.notification set status = 'sent', adapter = ?, attempts = attempts + 1, sent_at = now() where id = ?")
                .params(adapter.name(), p.id()).update();
        return true;
    }
}
